// The ordinary content around planted values: code, config and prose of the kind real services
// hold. Filler carries no secret and no labelled value; values that look random are written by
// the templates in files.ts, labelled as decoys.
import type { Rng } from "./random.js";

const ENTITIES = ["Order", "Position", "Quote", "Invoice", "Budget", "Alert", "Fill", "Wallet", "Trade", "Ledger"];
const lower = (s: string): string => s.toLowerCase();

export function tsFiller(rng: Rng, service: string): string {
  const e = rng.pick(ENTITIES);
  const l = lower(e);
  return rng.pick([
    () => `export async function fetch${e}(id: string): Promise<${e}> {\n  const response = await http.get(\`/v1/${l}s/\${id}\`);\n  if (response.status !== 200) throw new Error(\`${l} \${id}: HTTP \${response.status}\`);\n  return response.data as ${e};\n}\n`,
    () => `export interface ${e} {\n  readonly id: string;\n  readonly createdAt: Date;\n  readonly amount: number;\n  readonly currency: "USD" | "EUR" | "USDT";\n}\n`,
    () => `function backoff(attempt: number): number {\n  // Full jitter: spreads retries of many workers over the window.\n  return Math.random() * Math.min(30_000, 250 * 2 ** attempt);\n}\n`,
    () => `export class ${e}Repository {\n  constructor(private readonly db: Pool) {}\n\n  async byId(id: string): Promise<${e} | undefined> {\n    const { rows } = await this.db.query("select * from ${l}s where id = $1", [id]);\n    return rows[0];\n  }\n}\n`,
    () => `logger.info({ service: "${service}", port: Number(process.env.PORT ?? 8080) }, "listening");\n`,
    () => `const limiter = new RateLimiter({ tokensPerInterval: ${rng.pick([5, 10, 20, 50])}, interval: "second" });\n`,
    () => `export const ${lower(e)}Schema = z.object({\n  id: z.string().uuid(),\n  amount: z.number().positive(),\n  note: z.string().max(280).optional(),\n});\n`,
  ])();
}

export function pyFiller(rng: Rng, service: string): string {
  const e = rng.pick(ENTITIES);
  const l = lower(e);
  return rng.pick([
    () => `def fetch_${l}(session, ${l}_id: str) -> dict:\n    resp = session.get(f"/v1/${l}s/{${l}_id}", timeout=10)\n    resp.raise_for_status()\n    return resp.json()\n`,
    () => `@dataclass(frozen=True)\nclass ${e}:\n    id: str\n    amount: Decimal\n    currency: str = "USD"\n`,
    () => `logger = logging.getLogger("${service}")\nlogger.setLevel(os.getenv("LOG_LEVEL", "INFO"))\n`,
    () => `def backoff(attempt: int) -> float:\n    # Full jitter keeps a fleet of workers from retrying in step.\n    return random.uniform(0, min(30.0, 0.25 * 2 ** attempt))\n`,
    () => `async def handle_${l}(event: dict) -> None:\n    ${l} = ${e}(**event["payload"])\n    await queue.put(${l})\n    logger.info("queued ${l} %s", ${l}.id)\n`,
  ])();
}

export function goFiller(rng: Rng, service: string): string {
  const e = rng.pick(ENTITIES);
  const l = lower(e);
  return rng.pick([
    () => `type ${e} struct {\n\tID        string    \`json:"id"\`\n\tAmount    float64   \`json:"amount"\`\n\tCreatedAt time.Time \`json:"created_at"\`\n}\n`,
    () => `func fetch${e}(ctx context.Context, c *http.Client, id string) (*${e}, error) {\n\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/v1/${l}s/"+id, nil)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tresp, err := c.Do(req)\n\tif err != nil {\n\t\treturn nil, fmt.Errorf("${l} %s: %w", id, err)\n\t}\n\tdefer resp.Body.Close()\n\tvar out ${e}\n\treturn &out, json.NewDecoder(resp.Body).Decode(&out)\n}\n`,
    () => `func healthz(w http.ResponseWriter, _ *http.Request) {\n\tw.WriteHeader(http.StatusOK)\n\t_, _ = w.Write([]byte("${service} ok"))\n}\n`,
  ])();
}

export function yamlFiller(rng: Rng, service: string): string {
  return rng.pick([
    () => `server:\n  host: 0.0.0.0\n  port: ${rng.pick([8080, 8000, 9090, 3000])}\n  read_timeout: 15s\n`,
    () => `logging:\n  level: ${rng.pick(["info", "debug", "warn"])}\n  format: json\n`,
    () => `metrics:\n  enabled: true\n  path: /metrics\n  namespace: ${service.replace(/-/g, "_")}\n`,
    () => `retry:\n  max_attempts: ${rng.between(3, 8)}\n  backoff: exponential\n`,
    () => `features:\n  paper_trading: ${rng.pick(["true", "false"])}\n  dry_run: false\n`,
  ])();
}

export function proseFiller(rng: Rng, service: string): string {
  return rng.pick([
    () => `## Overview\n\n\`${service}\` reads its settings from the environment at start-up and refuses to start when one is missing. Secrets come from the secret manager in production; the values below are for local development only.\n\n`,
    () => `## Running locally\n\n1. Copy \`.env.example\` to \`.env\` and fill it in.\n2. Start the dependencies with \`docker compose up -d\`.\n3. Run the service with \`make run\`.\n\n`,
    () => `## Rotation\n\nKeys are rotated every 90 days by the platform team. After a rotation, restart the deployment so that the pods pick up the new values.\n\n`,
    () => `## Troubleshooting\n\nIf requests fail with \`401 Unauthorized\`, check that the key has not been revoked and that the clock of the host is in sync (signed requests carry a timestamp).\n\n`,
    () => `> **Note**: never paste production credentials into tickets or chat. Use the secret manager's share link instead.\n\n`,
  ])();
}

export function logFiller(rng: Rng, service: string, stamp: string): string {
  return rng.pick([
    () => `${stamp} INFO  ${service} listening on :${rng.pick([8080, 9090])}\n`,
    () => `${stamp} WARN  ${service} slow response from upstream latency_ms=${rng.between(800, 4000)}\n`,
    () => `${stamp} INFO  ${service} processed batch size=${rng.between(10, 500)} duration_ms=${rng.between(5, 900)}\n`,
    () => `${stamp} DEBUG ${service} cache miss key=quotes:${rng.pick(["BTC-USD", "ETH-USDT", "SOL-USD"])}\n`,
    () => `${stamp} ERROR ${service} upstream returned 503, retrying attempt=${rng.between(1, 5)}\n`,
  ])();
}

export function shellFiller(rng: Rng, service: string): string {
  return rng.pick([
    () => `echo "deploying ${service} to \${ENVIRONMENT:-staging}"\n`,
    () => `docker build -t "registry.example.com/${service}:\${GIT_SHA}" .\n`,
    () => `kubectl -n trading rollout status deployment/${service} --timeout=120s\n`,
    () => `if [[ -z "\${CI:-}" ]]; then\n  echo "running locally"\nfi\n`,
  ])();
}
