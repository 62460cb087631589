/** The benchmark baseline: @y/websocket-server 0.1.1's setupWSConnection on a plain http server (in memory). */
import http from "node:http";
import { WebSocketServer } from "ws";
import { setupWSConnection } from "@y/websocket-server/utils";

const server = http.createServer((_req, res) => res.end("ok"));
const wss = new WebSocketServer({ noServer: true });
wss.on("connection", (ws, req) => setupWSConnection(ws, req, { docName: (req.url ?? "/").slice(1).split("?")[0], gc: true }));
server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req)));
server.listen(0, "127.0.0.1", () => {
  const addr = server.address();
  console.log(`baseline listening on ${typeof addr === "object" && addr ? addr.port : 0}`);
});
