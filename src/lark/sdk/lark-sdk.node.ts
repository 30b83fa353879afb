// The Lark SDK on Node (`#lark-sdk`, default condition): its CommonJS build loaded with require().
// The SDK is one 6 MB file; imported as an ES module under tsx it costs a process ~85 MB of RSS for
// good, required ~37 MB (bench/RESULTS.md, "Server memory"). Workers keep the bundled ES import
// (lark-sdk.workerd.ts); both files export the same names, with the SDK's own types.
import { createRequire } from 'node:module';
import type * as Sdk from '@larksuiteoapi/node-sdk';

const sdk = createRequire(import.meta.url)('@larksuiteoapi/node-sdk') as typeof Sdk;

export const { Client, Domain, EventDispatcher, LoggerLevel, WSClient, adaptDefault, defaultHttpInstance } = sdk;
// The classes and enums as types too, as `import * as lark from '@larksuiteoapi/node-sdk'` gives them.
export type Client = Sdk.Client;
export type Domain = Sdk.Domain;
export type EventDispatcher = Sdk.EventDispatcher;
export type LoggerLevel = Sdk.LoggerLevel;
export type WSClient = Sdk.WSClient;
