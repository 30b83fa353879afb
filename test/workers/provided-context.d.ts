// What test/workers/lark-simulator-setup.ts provides to the tests (vitest's inject()).
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    larkControl: {
      /** The control API of the setup (users, chats, signed events, received messages). */
      url: string;
      /** The simulator's Open API: LARK_DOMAIN for the Worker. */
      simulatorUrl: string;
      appId: string;
      appSecret: string;
      encryptKey: string;
      verificationToken: string;
      botOpenId: string;
    };
  }
}
