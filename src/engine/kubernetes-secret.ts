// Kubernetes Secret manifests hold their values base64-encoded under `data:`, where no rule can
// see them. This finds those values and decodes them, so the engine can scan "KEY: decoded" as
// if it had been written in clear, and report what it finds at the encoded value's place.

export interface DecodedValue {
  /** UTF-16 offsets of the encoded value in the manifest, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** "KEY: decoded value": the data key gives context rules the name they look for. */
  readonly text: string;
}

const SECRET_KIND = /^[ \t]*["']?kind["']?[ \t]*:[ \t]*["']?Secret["']?[ \t]*,?[ \t]*$/m;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The text `value` decodes to, when it is base64 of printable UTF-8 text. */
function decodedText(value: string): string | undefined {
  if (value.length < 4 || value.length % 4 !== 0 || !BASE64.test(value)) return undefined;
  const text = Buffer.from(value, "base64").toString("utf8");
  // Binary data (a keystore, an image) is not text to scan; U+FFFD marks bytes that were not UTF-8.
  if (text.includes("\uFFFD") || /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text)) return undefined;
  return text;
}

/** Offsets where each YAML document of the text starts, with its end. */
function documents(text: string): Array<[number, number]> {
  const bounds: Array<[number, number]> = [];
  const separator = /^---[ \t]*$/gm;
  let from = 0;
  let match: RegExpExecArray | null;
  while ((match = separator.exec(text)) !== null) {
    bounds.push([from, match.index]);
    from = match.index + match[0].length;
  }
  bounds.push([from, text.length]);
  return bounds;
}

function yamlDataValues(text: string, from: number, to: number): DecodedValue[] {
  const values: DecodedValue[] = [];
  const line = /^([ \t]*)(.*?)[ \t]*\r?$/gm;
  line.lastIndex = from;
  let dataIndent = -1;
  let match: RegExpExecArray | null;
  while ((match = line.exec(text)) !== null && match.index < to) {
    if (match[0].length === 0) line.lastIndex++;
    const indent = match[1]!.length;
    const content = match[2]!;
    if (content === "" || content.startsWith("#")) continue;
    if (dataIndent >= 0 && indent <= dataIndent) dataIndent = -1;
    if (dataIndent < 0) {
      if (/^["']?data["']?:$/.test(content)) dataIndent = indent;
      continue;
    }
    const pair = /^["']?([\w.-]+)["']?:[ \t]*(["']?)([A-Za-z0-9+/]+={0,2})\2$/.exec(content);
    const decoded = pair ? decodedText(pair[3]!) : undefined;
    if (pair === null || decoded === undefined) continue;
    const start = match.index + indent + content.lastIndexOf(pair[3]!);
    values.push({ start, end: start + pair[3]!.length, text: `${pair[1]}: ${decoded}` });
  }
  return values;
}

function jsonDataValues(text: string, from: number, to: number): DecodedValue[] {
  const values: DecodedValue[] = [];
  const data = /"data"\s*:\s*\{([^{}]*)\}/g;
  data.lastIndex = from;
  let block: RegExpExecArray | null;
  while ((block = data.exec(text)) !== null && block.index < to) {
    const bodyStart = block.index + block[0].indexOf("{") + 1;
    const pair = /"([\w.-]+)"\s*:\s*"([A-Za-z0-9+/]+={0,2})"/g;
    let match: RegExpExecArray | null;
    while ((match = pair.exec(block[1]!)) !== null) {
      const decoded = decodedText(match[2]!);
      if (decoded === undefined) continue;
      const start = bodyStart + match.index + match[0].lastIndexOf(match[2]!);
      values.push({ start, end: start + match[2]!.length, text: `${match[1]}: ${decoded}` });
    }
  }
  return values;
}

/** Whether text of these bytes (UTF-8) may be a Secret manifest, whose decoded values hold keywords its bytes do not. */
export function mayHoldSecretManifest(bytes: Buffer): boolean {
  return bytes.includes("Secret") && bytes.includes("data");
}

/** Every base64 `data` value of every Secret manifest in the text, decoded. */
export function kubernetesSecretValues(text: string): DecodedValue[] {
  if (!text.includes("Secret") || !text.includes("data")) return [];
  if (text.trimStart().startsWith("{")) {
    return /"kind"\s*:\s*"Secret"/.test(text) ? jsonDataValues(text, 0, text.length) : [];
  }
  return documents(text)
    .filter(([from, to]) => SECRET_KIND.test(text.slice(from, to)))
    .flatMap(([from, to]) => yamlDataValues(text, from, to));
}
