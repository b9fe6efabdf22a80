// remedyOf for every situation: the rule's own remedy, the default per kind, the staged gate, a
// finding only in history (with the purge commands), one still at HEAD; and how json, sarif and
// pretty carry it.
import { describe, expect, it } from "vitest";
import { json } from "../../src/reporters/json.js";
import { pretty } from "../../src/reporters/pretty.js";
import { DEFAULT_REMEDY, remedyOf, ruleHelpOf, shellWord } from "../../src/reporters/remedy.js";
import { sarif } from "../../src/reporters/sarif.js";
import { COMMIT_MESSAGE_PATH } from "../../src/sources/history.js";
import { commitOf, findingOf, resultOf } from "../helpers/findings.js";

const ROTATE_SLACK = "Revoke the token at api.slack.com/apps and store the new one in the secret manager.";
const history = commitOf("abc123", "2021-03-04T05:06:07Z");
const context = { version: "1.2.3", color: false, rules: [] };

describe("remedyOf", () => {
  it("gives the rule's remedy for a working-tree finding", () => {
    expect(remedyOf(findingOf({ remedy: ROTATE_SLACK }))).toBe(ROTATE_SLACK);
  });

  it("falls back to the default for the finding's kind", () => {
    expect(remedyOf(findingOf())).toBe(DEFAULT_REMEDY.content);
    expect(remedyOf(findingOf({ kind: "policy", secret: "" }))).toBe(DEFAULT_REMEDY.policy);
    expect(remedyOf(findingOf({ kind: "path", path: "config/.env", secret: "" }))).toBe(
      "Untrack the file (git rm --cached config/.env), add it to .gitignore, and rotate whatever it held.",
    );
  });

  it("fills <path> with the finding's path, quoted for the shell when it must be", () => {
    const finding = findingOf({ kind: "path", path: "it's a secret.pem", secret: "", remedy: "Untrack it (git rm --cached <path>)." });
    expect(remedyOf(finding)).toBe(`Untrack it (git rm --cached 'it'\\''s a secret.pem').`);
    expect(shellWord("src/a-b_c.ts")).toBe("src/a-b_c.ts");
    expect(shellWord("a b")).toBe("'a b'");
  });

  it("staged content: unstage it and move the value to .env or the secret manager", () => {
    const remedy = remedyOf(findingOf({ origin: "staged", remedy: ROTATE_SLACK }));
    expect(remedy).toBe(
      "Unstage it (git restore --staged src/config.ts), move the value to .env or the secret manager and read it from the environment, then stage the file again.",
    );
  });

  it("staged path: unstage it and ignore it", () => {
    const remedy = remedyOf(findingOf({ origin: "staged", kind: "path", path: ".env.local", secret: "" }));
    expect(remedy).toMatch(/^Unstage it \(git restore --staged \.env\.local\) and add it to \.gitignore/);
  });

  it("staged policy finding: unstage it, then the rule's remedy", () => {
    const remedy = remedyOf(findingOf({ origin: "staged", kind: "policy", secret: "", remedy: "Move it to budget-governor/." }));
    expect(remedy).toBe("Unstage it (git restore --staged src/config.ts), then: Move it to budget-governor/.");
  });

  it("only in history, content: rotate (removing the file is not enough), the rule's remedy, then the purge commands", () => {
    const remedy = remedyOf(findingOf({ origin: "history", commit: history, status: "history-only", remedy: ROTATE_SLACK }));
    expect(remedy.startsWith("Only in history: rotate it — removing the file is not enough")).toBe(true);
    expect(remedy).toContain(ROTATE_SLACK);
    expect(remedy).toContain("git filter-repo --replace-text ../leakgate-replacements.txt");
    expect(remedy).toContain("git push --force --all");
    expect(remedy).toContain("re-clone");
    expect(remedy).not.toContain("\n");
  });

  it("only in history, path: rotate what the file held, purge the path itself", () => {
    const remedy = remedyOf(findingOf({ origin: "history", commit: history, status: "history-only", kind: "path", path: "deploy/prod key.pem", secret: "" }));
    expect(remedy).toMatch(/^Only in history: rotate whatever the file held — removing the file is not enough/);
    expect(remedy).toContain("git filter-repo --invert-paths --path 'deploy/prod key.pem'");
    // HEAD no longer has the file: "git rm --cached" would only fail.
    expect(remedy).not.toContain("git rm --cached");
  });

  it("in a commit message: rotate it, and purge with --replace-message (no file to remove)", () => {
    const remedy = remedyOf(findingOf({ origin: "history", commit: history, status: "history-only", path: COMMIT_MESSAGE_PATH, remedy: ROTATE_SLACK }));
    expect(remedy).toMatch(/^In a commit message: rotate it/);
    expect(remedy).toContain(ROTATE_SLACK);
    expect(remedy).toContain("git filter-repo --replace-message ../leakgate-replacements.txt");
    expect(remedy).not.toContain("removing the file");
  });

  it("in history and still at HEAD: the rule's remedy (the file must be fixed too)", () => {
    expect(remedyOf(findingOf({ origin: "history", commit: history, status: "present", remedy: ROTATE_SLACK }))).toBe(ROTATE_SLACK);
  });

  it("the staged gate wins over a status (a staged finding has no past)", () => {
    expect(remedyOf(findingOf({ origin: "staged", status: "history-only" }))).toMatch(/^Unstage it/);
  });
});

describe("remedies in the formats", () => {
  const onlyInHistory = findingOf({ origin: "history", commit: history, status: "history-only", remedy: ROTATE_SLACK });

  it("json carries the situational remedy and the status", () => {
    const [record] = JSON.parse(json(resultOf([onlyInHistory]), context)).findings;
    expect(record.remedy).toBe(remedyOf(onlyInHistory));
    expect(record.status).toBe("history-only");
    const [plain] = JSON.parse(json(resultOf([findingOf()]), context)).findings;
    expect(plain.status).toBeUndefined();
  });

  it("sarif: one help text per rule, with the steps for the situations its findings are in", () => {
    const staged = findingOf({ origin: "staged", remedy: ROTATE_SLACK });
    const log = JSON.parse(sarif(resultOf([onlyInHistory, staged]), context));
    const [rule] = log.runs[0].tool.driver.rules;
    expect(rule.help.text.split("\n\n")).toEqual(ruleHelpOf([onlyInHistory, staged]).split("\n\n"));
    expect(rule.help.text).toMatch(new RegExp(`^${ROTATE_SLACK.replace(/[.]/g, "\\.")}\\n\\nA finding only in history`));
    expect(rule.help.text).toContain("git filter-repo");
    expect(rule.help.text).toContain("A finding in the staged gate: Unstage it (git restore --staged <path>)");
    // Markdown must not swallow <path> as an HTML tag.
    expect(rule.help.markdown).toContain("\\<path\\>");
    expect(log.runs[0].results[0].properties.status).toBe("history-only");
  });

  it("sarif: a rule with only working-tree findings has just its remedy as help", () => {
    const log = JSON.parse(sarif(resultOf([findingOf({ remedy: ROTATE_SLACK })]), context));
    expect(log.runs[0].tool.driver.rules[0].help.text).toBe(ROTATE_SLACK);
  });

  it("pretty shows the one-line situational remedy and says the finding is only in history", () => {
    const text = pretty(resultOf([onlyInHistory]), context);
    expect(text).toContain(`→ ${remedyOf(onlyInHistory)}`);
    expect(text).toContain("on 2021-03-04, only in history");
  });
});
