/**
 * A remote build cache in memory, over HTTP on 127.0.0.1: the artifact routes of Turborepo's Remote Cache API
 * (`/v8/artifacts/:hash`, with its status and events routes) and of Nx's self-hosted cache specification
 * (`/v1/cache/:hash`). Both store whatever the tool uploads under the hash and serve it back; requests without
 * the bearer token are refused. It records every request, so a test can tell an answer from the remote cache.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface CacheRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface CacheServer {
  readonly url: string;
  readonly token: string;
  readonly requests: readonly CacheRequest[];
  close(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly body?: Buffer | string;
}

const ARTIFACT = /^\/(?:v8\/artifacts|v1\/cache)\/([0-9A-Za-z_-]+)$/;
const JSON_OK = (body: string): Answer => ({ status: 200, body });

export async function startCacheServer(): Promise<CacheServer> {
  const token = "structgen-test-token";
  const artifacts = new Map<string, Buffer>();
  const requests: CacheRequest[] = [];

  function answer(method: string, path: string, body: Buffer, authorization: string): Answer {
    if (authorization !== `Bearer ${token}`) {
      return { status: 401 };
    }
    if (path === "/v8/artifacts/status") {
      return JSON_OK('{"status":"enabled"}');
    }
    if (path === "/v8/artifacts/events") {
      return JSON_OK("{}");
    }
    const hash = ARTIFACT.exec(path)?.[1];
    if (hash === undefined) {
      return { status: 404 };
    }
    if (method === "PUT") {
      artifacts.set(hash, body);
      return JSON_OK('{"urls":[]}');
    }
    const stored = artifacts.get(hash);
    if (method !== "GET" && method !== "HEAD") {
      return { status: 405 };
    }
    return stored === undefined
      ? { status: 404 }
      : { status: 200, body: method === "HEAD" ? "" : stored };
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const method = request.method ?? "GET";
      const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
      const reply = answer(
        method,
        path,
        Buffer.concat(chunks),
        request.headers.authorization ?? "",
      );
      requests.push({ method, path, status: reply.status });
      response.writeHead(reply.status).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
