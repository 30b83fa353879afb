// The Lark SDK on Workers (`#lark-sdk`, workerd condition): the plain ES import, which wrangler
// (esbuild) bundles and the workers test pool aliases to its pre-bundled copy. Same names as
// lark-sdk.node.ts, which Node loads with require() instead.
export { Client, Domain, EventDispatcher, LoggerLevel, WSClient, adaptDefault, defaultHttpInstance } from '@larksuiteoapi/node-sdk';
