// The chaos suite's handle on the running platform: kills a server as a crash would and starts it
// again, on 127.0.0.1 only. POST /services/<name>/kill, POST /services/<name>/start (answers once
// the server is ready again), GET /services.
import { createServer } from "node:http";

export async function startControlServer(address, { services, kill, start }) {
  const server = createServer(async (req, res) => {
    const answer = (status, body) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    try {
      if (req.method === "GET" && req.url === "/services") return answer(200, services());
      const match = /^\/services\/([a-z]+)\/(kill|start)$/.exec(req.url ?? "");
      if (req.method !== "POST" || !match) return answer(404, { error: "no such control" });
      const [, name, action] = match;
      if (!services().some((service) => service.name === name && service.restartable)) return answer(404, { error: `${name} cannot be controlled` });
      await (action === "kill" ? kill(name) : start(name));
      return answer(200, services().find((service) => service.name === name));
    } catch (error) {
      return answer(500, { error: error.message });
    }
  });
  const [host, port] = address.split(":");
  await new Promise((resolve, reject) => server.once("error", reject).listen(Number(port), host, resolve));
  return { stop: () => new Promise((resolve) => server.close(resolve)) };
}
