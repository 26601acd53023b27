declare module 'xmlrpc/lib/serializer.js' {
  const Serializer: {
    serializeMethodCall(method: string, params: unknown[], encoding?: string): string;
  };
  export default Serializer;
}

declare module 'xmlrpc/lib/deserializer.js' {
  import type { Readable } from 'node:stream';

  class Deserializer {
    constructor(encoding?: string);
    deserializeMethodResponse(
      stream: Readable,
      callback: (error: Error | null, result?: unknown) => void,
    ): void;
  }
  export default Deserializer;
}
