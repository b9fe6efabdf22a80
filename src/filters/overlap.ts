// Two rules may report the same secret at the same place: the OpenRouter key rule and the
// management-key rule, a vendor rule and the generic one, a key block and the service-account
// rule. One secret is one finding: where content findings overlap, the rule with the higher
// priority (the more specific one) keeps it; between equals, the first rule keeps an identical span.
import type { Finding, Position, Rule } from "../model.js";

/** Each content rule's priority, for the rules that set one (the default is 0). */
export function rulePriorities(rules: readonly Rule[]): ReadonlyMap<string, number> {
  return new Map(rules.flatMap((rule) => (rule.kind === "content" && rule.priority !== undefined ? [[rule.id, rule.priority] as const] : [])));
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);
const same = (a: Position, b: Position): boolean => a.line === b.line && a.column === b.column;
const overlaps = (a: Finding, b: Finding): boolean => !before(a.end, b.start) && !before(b.end, a.start);

/** The findings without those that a more specific finding covers; order is kept. */
export function withoutOverlaps(findings: readonly Finding[], priorities: ReadonlyMap<string, number>): Finding[] {
  const priority = (finding: Finding): number => priorities.get(finding.ruleId) ?? 0;
  const groups = new Map<string, number[]>();
  findings.forEach((finding, index) => {
    if (finding.kind !== "content") return;
    const key = `${finding.path}\0${finding.commit?.sha ?? ""}`;
    const group = groups.get(key) ?? [];
    group.push(index);
    groups.set(key, group);
  });
  const dropped = new Set<number>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const byStart = [...group].sort((a, b) => (before(findings[a]!.start, findings[b]!.start) ? -1 : before(findings[b]!.start, findings[a]!.start) ? 1 : a - b));
    // Sweep by start: only findings that start before the current one ends can overlap it.
    for (let i = 0; i < byStart.length; i++) {
      const a = findings[byStart[i]!]!;
      for (let j = i + 1; j < byStart.length; j++) {
        const b = findings[byStart[j]!]!;
        if (before(a.end, b.start)) break;
        if (!overlaps(a, b)) continue;
        const [pa, pb] = [priority(a), priority(b)];
        if (pa > pb) dropped.add(byStart[j]!);
        else if (pb > pa) dropped.add(byStart[i]!);
        else if (same(a.start, b.start) && same(a.end, b.end) && a.ruleId !== b.ruleId) {
          dropped.add(Math.max(byStart[i]!, byStart[j]!));
        }
      }
    }
  }
  return findings.filter((_, index) => !dropped.has(index));
}
