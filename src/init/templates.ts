// The files `leakgate init` writes whole: a starter config (every line commented, so it changes
// nothing until edited) and the GitHub workflow of the CI gate. Pure: text only.

export const STARTER_CONFIG = `# leakgate configuration, written by leakgate init. Every setting below is commented out: the
# built-in rules apply as they are. \`leakgate rules\` lists every rule id.

# Turn built-in rules off by id:
# disable = ["generic-secret"]

# A global allowlist: a finding matching any of these is not reported.
# [allow]
# paths = ["test/fixtures/**"]     # files whose secrets are fake by design
# regexes = ['''^EXAMPLE''']       # tested against the secret
# stopwords = ["dummy"]            # a secret containing one of these is not reported

# Your own rules, in the format of the built-in ones:
# [[rule]]
# id = "acme-api-key"
# description = "ACME API key"
# regex = '''\\b(acme_[A-Za-z0-9]{32})\\b'''   # group 1 is the secret
# keywords = ["acme_"]                        # the regex runs only where one of these occurs
# entropy = 3.0

# Old findings you accept for now belong in .leakgate-baseline.json (leakgate baseline, or
# leakgate allow FINGERPRINT --reason "…"), not here: the baseline never names a secret.
`;

/** Where the SARIF report of the CI gate is written, and uploaded from. */
export const WORKFLOW_SARIF = "leakgate.sarif";

/** The CI gate's command line after `leakgate`. */
export const WORKFLOW_CI_ARGS = `ci --sarif ${WORKFLOW_SARIF}`;

/** The workflow of the CI gate, running the leakgate version that wrote it. */
export function workflowFile(version: string): string {
  return `# The CI gate, written by leakgate init. A pre-commit hook can be skipped (git commit --no-verify);
# this job cannot: it scans every pushed commit and every pull request, and uploads the findings
# to GitHub code scanning.
name: leakgate

on:
  push:
  pull_request:

permissions:
  contents: read
  security-events: write

jobs:
  leakgate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the whole history: the gate scans the pushed range, not just the last commit
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Scan the pushed commits for secrets
        run: npx --yes leakgate@${version} ${WORKFLOW_CI_ARGS}
      - name: Upload the findings to code scanning
        if: \${{ always() && hashFiles('${WORKFLOW_SARIF}') != '' }}
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: ${WORKFLOW_SARIF}
          category: leakgate
`;
}
