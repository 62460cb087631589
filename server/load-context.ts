import type { Request as ExpressRequest } from "express";

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp: string;
    /** This server as reached on the socket that took the request (e.g. http://127.0.0.1:3000): for the server to call itself (PDF export). */
    selfOrigin?: string;
  }
}

/** The socket's local address as an http origin (IPv6 in brackets; the wildcard address becomes loopback). */
function selfOrigin(req: ExpressRequest): string {
  const port = req.socket.localPort;
  let host = (req.socket.localAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  if (host === "::" || host === "0.0.0.0" || host === "") host = "127.0.0.1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export function getLoadContext(req: ExpressRequest) {
  return { clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown", selfOrigin: selfOrigin(req) };
}
