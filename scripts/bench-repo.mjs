// The benchmark's repository: deterministic (a seeded generator, fixed dates), built with
// `git fast-import` in a few seconds, cached in the temp folder between runs. A realistic mix:
// source files edited a few lines at a time, docs, large lock files full of integrity hashes,
// minified bundles with very long lines, a few binary files, and a few planted secrets, built here
// from parts (never written whole in this repository), some only in history, some in the work tree.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Bump when the generated content changes, so a cached repository is not reused. */
const GENERATOR_VERSION = 1;

export const SHAPE = { commits: 3000, sourceFiles: 1500, docs: 200, lockFiles: 5, minified: 8, binaries: 6 };

function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "user config value request handler token cache item list index result error count buffer stream node path " +
  "name type data options state context event parse render update create remove fetch load save session key " +
  "secret password client server module plugin scope range source target visitor program binding expression"
).split(" ");
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdef";
const DIGITS = "0123456789";
const ALNUM = `ABCDEFGHIJKLMNOPQRSTUVWXYZ${LOWER}${DIGITS}`;
const B64 = `${ALNUM}+/`;

function makeText(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const chars = (alphabet, length) => {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)];
    return out;
  };
  const word = () => pick(WORDS);
  const ident = () => word() + word()[0].toUpperCase() + word().slice(1);
  const sentence = () => {
    const words = Array.from({ length: 6 + int(12) }, word);
    return `${words.join(" ")}.`;
  };
  const sourceLine = () => {
    switch (int(12)) {
      case 0: return `import { ${ident()} } from "./${word()}/${word()}.js";`;
      case 1: return `export function ${ident()}(${ident()}, ${ident()}) {`;
      case 2: return `  const ${ident()} = ${ident()}.${ident()}(${int(1000)});`;
      case 3: return `  if (${ident()} === "${word()}") return ${ident()};`;
      case 4: return `  // ${sentence()}`;
      case 5: return "}";
      case 6: return `  return { ${ident()}: ${ident()}, id: "${word()}-${chars(HEX, 8)}" };`;
      case 7: return `  const ${word()}Key = options.${word()}Key ?? process.env.${word().toUpperCase()}_KEY;`;
      case 8: return `  throw new Error(\`${sentence()} \${${ident()}}\`);`;
      case 9: return `  ${ident()}.set("${word()}", ${ident()}[${int(64)}]);`;
      case 10: return `  const password = await ${ident()}.read${word()}("${word()}");`;
      default: return `  ${ident()}(${ident()}, "${sentence()}");`;
    }
  };
  const docLine = () => {
    switch (int(8)) {
      case 0: return `## ${sentence()}`;
      case 1: return "```js";
      case 2: return "```";
      case 3: return `- \`${ident()}\`: ${sentence()}`;
      default: return sentence();
    }
  };
  const lockEntry = () => {
    const name = `${word()}-${word()}`;
    const version = `${int(9)}.${int(30)}.${int(20)}`;
    return [
      `    "node_modules/${name}": {`,
      `      "version": "${version}",`,
      `      "resolved": "https://registry.example.org/${name}/-/${name}-${version}.tgz",`,
      `      "integrity": "sha512-${chars(B64, 86)}==",`,
      `      "dev": ${random() < 0.5}`,
      "    },",
    ];
  };
  const minified = (bytes) => {
    let out = "!function(e,t){";
    while (out.length < bytes) {
      const n = int(10);
      if (n === 0) out += `var ${chars(LOWER, 1)}="data:image/png;base64,${chars(B64, 120 + int(400))}";`;
      else if (n === 1) out += `"${chars(ALNUM, 32)}"===${chars(LOWER, 2)}&&`;
      else out += `function ${chars(LOWER, 2)}(${chars(LOWER, 1)},${chars(LOWER, 1)}){return ${chars(LOWER, 1)}.${word()}(${int(99)})}`;
    }
    return `${out}}(this);`;
  };
  return { int, pick, chars, word, ident, sourceLine, docLine, lockEntry, minified };
}

/** The planted secrets, built from parts; `when` is the commit index, `until` where it is removed. */
function plantedSecrets(text) {
  const { chars } = text;
  const slack = ["xo" + "xb", chars(DIGITS, 12), chars(DIGITS, 13), chars(ALNUM, 24)].join("-");
  const openrouter = ["sk", "or", "v1", chars(HEX, 64)].join("-");
  const pem = [
    "-----BEGIN RSA PRIVATE" + " KEY-----",
    ...Array.from({ length: 12 }, () => chars(B64, 64)),
    "-----END RSA PRIVATE" + " KEY-----",
  ].join("\n");
  const aws = "AK" + "IA" + chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
  const github = "gh" + "p_" + chars(ALNUM, 36);
  return [
    { when: 500, until: 900, path: "config/slack.js", text: `export const slackToken = "${slack}";\n` },
    { when: 1200, path: ".env", text: `DATABASE_PASSWORD=${chars(ALNUM, 20)}\n` },
    { when: 1800, path: "src/integrations/openrouter.ts", text: `const apiKey = "${openrouter}";\nexport default apiKey;\n` },
    { when: 2000, path: "docs/deploy-notes.md", text: `# Deploy\n\naws_access_key_id = ${aws}\ngithub token: ${github}\n` },
    { when: 2400, until: 2600, path: "deploy/id_rsa", text: `${pem}\n` },
  ];
}

/** Writes the fast-import stream for the whole history to `out` (a writable stream). */
async function writeHistory(out) {
  const random = prng(0x1ea4);
  const text = makeText(random);
  const files = new Map(); // path -> lines (text files) or Buffer (binaries)
  const write = (chunk) => (out.write(chunk) ? undefined : new Promise((resolve) => out.once("drain", resolve)));
  const data = async (content) => {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
    await write(`data ${bytes.length}\n`);
    await write(bytes);
    await write("\n");
  };
  const sourcePath = (i) => `packages/${WORDS[i % 17]}-${WORDS[(i * 7) % WORDS.length]}/src/${text.word()}-${i}.ts`;
  const newSource = (i) => [sourcePath(i), Array.from({ length: 40 + text.int(300) }, text.sourceLine)];
  const newDoc = (i) => [`docs/${text.word()}-${i}.md`, Array.from({ length: 20 + text.int(120) }, text.docLine)];
  const lockPath = (i) => `packages/${WORDS[i]}/package-lock.json`;
  const newLock = (i) => [lockPath(i), ["{", '  "lockfileVersion": 3,', '  "packages": {', ...Array.from({ length: 2500 }, text.lockEntry).flat(), "  }", "}"]];
  const newMinified = (i) => [`packages/${WORDS[i]}/dist/${WORDS[i]}.min.js`, [text.minified(150_000 + text.int(200_000))]];
  const newBinary = (i) => {
    const bytes = Buffer.alloc(20_000 + text.int(40_000));
    for (let b = 0; b < bytes.length; b++) bytes[b] = text.int(256);
    bytes[3] = 0; // a NUL byte, as binaries have
    return [`assets/image-${i}.png`, bytes];
  };

  const initial = [
    ...Array.from({ length: 300 }, (_, i) => newSource(i)),
    ...Array.from({ length: 40 }, (_, i) => newDoc(i)),
    ...Array.from({ length: SHAPE.lockFiles }, (_, i) => newLock(i)),
    ...Array.from({ length: SHAPE.minified }, (_, i) => newMinified(i)),
    ...Array.from({ length: SHAPE.binaries }, (_, i) => newBinary(i)),
  ];
  let sources = 300;
  let docs = 40;
  const planted = plantedSecrets(text);
  const started = Date.UTC(2019, 0, 1) / 1000;

  for (let commit = 0; commit < SHAPE.commits; commit++) {
    const changes = new Map(); // path -> content, or null to delete
    if (commit === 0) for (const [path, content] of initial) changes.set(path, content);
    else {
      if (sources < SHAPE.sourceFiles && text.int(10) < 6) changes.set(...newSource(sources++));
      if (docs < SHAPE.docs && text.int(15) === 0) changes.set(...newDoc(docs++));
      const textPaths = [...files.keys()].filter((path) => path.endsWith(".ts") || path.endsWith(".md"));
      for (let n = 1 + text.int(3); n > 0; n--) {
        const path = text.pick(textPaths);
        const lines = [...(changes.get(path) ?? files.get(path))];
        for (let edit = 1 + text.int(6); edit > 0; edit--) {
          const at = text.int(lines.length);
          const line = path.endsWith(".md") ? text.docLine() : text.sourceLine();
          if (text.int(3) === 0) lines.splice(at, 0, line);
          else lines[at] = line;
        }
        changes.set(path, lines);
      }
      if (commit % 40 === 0) {
        const path = lockPath(text.int(SHAPE.lockFiles));
        const lines = [...files.get(path)];
        for (let edit = 0; edit < 30; edit++) {
          const at = 3 + 6 * text.int((lines.length - 5) / 6);
          lines.splice(at, 6, ...text.lockEntry());
        }
        changes.set(path, lines);
      }
      if (commit % 150 === 0) changes.set(...newMinified(text.int(SHAPE.minified)));
    }
    for (const secret of planted) {
      if (commit === secret.when) changes.set(secret.path, secret.text.split("\n"));
      if (commit === secret.until) changes.set(secret.path, null);
    }

    const date = started + commit * 3600 * 7;
    const message = commit === 0 ? "Initial import" : `${text.word()}: ${text.word()} the ${text.word()} ${text.word()}`;
    await write(`commit refs/heads/main\ncommitter Bench Author <bench@example.org> ${date} +0000\n`);
    await data(message);
    for (const [path, content] of changes) {
      if (content === null) {
        files.delete(path);
        await write(`D ${path}\n`);
        continue;
      }
      files.set(path, content);
      await write(`M 100644 inline ${path}\n`);
      await data(Buffer.isBuffer(content) ? content : `${content.join("\n")}\n`);
    }
    await write("\n");
  }
  out.end();
}

function git(cwd, args) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" } });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/** The cached generated repository (built on first use); returns its path. */
export async function generatedRepository(log) {
  const root = join(tmpdir(), "leakgate-bench");
  const repo = join(root, `repo-v${GENERATOR_VERSION}`);
  if (existsSync(join(repo, ".git", "leakgate-bench-complete"))) return repo;
  const building = `${repo}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  log(`generating the benchmark repository in ${repo} (once; cached)…`);
  git(building, ["init", "--quiet", "--initial-branch=main"]);
  const importer = spawn("git", ["fast-import", "--quiet"], { cwd: building, stdio: ["pipe", "inherit", "inherit"] });
  const done = new Promise((resolve, reject) => {
    importer.on("error", reject);
    importer.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`))));
  });
  await writeHistory(importer.stdin);
  await done;
  git(building, ["checkout", "--quiet", "--force", "main"]);
  git(building, ["gc", "--quiet"]);
  writeFileSync(join(building, ".git", "leakgate-bench-complete"), "");
  rmSync(repo, { recursive: true, force: true });
  renameSync(building, repo);
  return repo;
}
