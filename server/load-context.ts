import type { Request as ExpressRequest } from "express";

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp: string;
  }
}

export function getLoadContext(req: ExpressRequest) {
  return { clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" };
}
