// The files of the evaluation repository: a template per kind of file, each writing its own
// skeleton and filler around the items assigned to it, plus the values it brings itself (lock-file
// hashes, action pins, image digests, notebook images, colours, fonts), labelled as decoys.
import * as f from "./filler.js";
import type { Item, Syntax } from "./model.js";
import type { Rng } from "./random.js";
import { Doc, RENDERERS, type RenderContext } from "./render.js";
import * as t from "./tokens.js";

export type Lang = "ts" | "py" | "go" | "php";
export interface Service {
  readonly name: string;
  readonly lang: Lang;
}

export interface PathLabel {
  readonly kind: string;
  readonly role: "secret" | "decoy";
}

export interface FilePlan {
  readonly path: string;
  /** The syntax items are written in; undefined for files that take no planted items. */
  readonly syntax: Syntax | undefined;
  readonly capacity: number;
  readonly build: (items: readonly Item[], rng: Rng) => Doc;
  readonly pathLabel?: PathLabel;
}

const stamp = (rng: Rng): string =>
  `2024-0${rng.between(1, 9)}-${rng.between(10, 28)}T${rng.between(10, 23)}:${rng.between(10, 59)}:${rng.between(10, 59)}.${rng.between(100, 999)}Z`;

/** Items in order, each preceded now and then by filler. */
function interleave(doc: Doc, items: readonly Item[], rng: Rng, render: (item: Item, index: number) => void, filler: () => string, gap = 0.6): void {
  items.forEach((item, index) => {
    if (rng.chance(gap)) doc.text(filler());
    render(item, index);
  });
}

const renderer = (syntax: Syntax, context: RenderContext) => (doc: Doc, item: Item, extra: Partial<RenderContext> = {}) =>
  RENDERERS[syntax](doc, item, { ...context, ...extra });

// ---- code ----------------------------------------------------------------------------------------

function codeFile(lang: Exclude<Lang, "php">, service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    const put = renderer(lang, { rng, service });
    if (lang === "ts") {
      doc.lines('import { logger } from "../logger.js";', 'import { http } from "../http.js";', "");
      interleave(doc, items, rng, (item) => put(doc, item), () => `\n${f.tsFiller(rng, service)}\n`);
      doc.text(`\n${f.tsFiller(rng, service)}`);
    } else if (lang === "py") {
      doc.lines(`"""Settings and clients for ${service}."""`, "import logging", "import os", "", "import requests", "");
      interleave(doc, items, rng, (item) => put(doc, item), () => `\n${f.pyFiller(rng, service)}\n`);
      doc.text(`\n${f.pyFiller(rng, service)}`);
    } else {
      doc.lines(`package ${service.replace(/-/g, "")}`, "", "import (", '\t"context"', '\t"net/http"', '\t"os"', '\t"time"', ")", "", f.goFiller(rng, service), "func configure(req *http.Request) {");
      interleave(doc, items, rng, (item) => put(doc, item), () => `\t// ${rng.pick(["defaults for local runs", "see docs/config.md", "TODO: move to the secret manager"])}\n`);
      doc.lines("\t_ = req", "}", "", f.goFiller(rng, service));
    }
    return doc;
  };
}

function phpConfig(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    const put = renderer("php", { rng, service });
    doc.lines("<?php", "", "return [", "", `    '${service.replace(/-/g, "_")}' => [`, "        'timeout' => 10,");
    interleave(doc, items, rng, (item) => put(doc, item), () => `        // ${rng.pick(["see .env", "staging values", "used by the nightly job"])}\n`, 0.3);
    doc.lines("    ],", "", "];");
    return doc;
  };
}

// ---- config --------------------------------------------------------------------------------------

function yamlConfig(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines(`# ${service} configuration`, `service: ${service}`, `environment: ${rng.pick(["staging", "production", "development"])}`);
    const put = renderer("yaml", { rng, service });
    doc.text(f.yamlFiller(rng, service));
    interleave(doc, items, rng, (item) => put(doc, item), () => f.yamlFiller(rng, service), 0.5);
    return doc;
  };
}

function tomlConfig(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines(`# ${service} settings`, "title = \"" + service + "\"", "", "[server]", `port = ${rng.pick([8080, 8000, 9000])}`, 'log_level = "info"');
    const put = renderer("toml", { rng, service });
    interleave(doc, items, rng, (item) => put(doc, item), () => `\n[limits]\nmax_open_orders = ${rng.between(5, 50)}\n`, 0.2);
    return doc;
  };
}

function iniConfig(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines("[DEFAULT]", `service = ${service}`, "timeout = 30", "", "[logging]", "level = INFO", "handlers = console");
    const put = renderer("ini", { rng, service });
    interleave(doc, items, rng, (item) => put(doc, item), () => `\n[scheduler]\ninterval = ${rng.pick(["5m", "1h", "15m"])}\n`, 0.2);
    return doc;
  };
}

function envFile(service: string, header: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines(`# ${header}`, `NODE_ENV=${rng.pick(["production", "development"])}`, `PORT=${rng.pick([3000, 8080])}`, "LOG_LEVEL=info", `SERVICE_NAME=${service}`, "");
    const put = renderer("env", { rng, service });
    interleave(doc, items, rng, (item) => put(doc, item), () => `\n# ${rng.pick(["Exchange credentials", "Notifications", "LLM access", "Storage", "Used by the settlement job"])}\n`, 0.4);
    return doc;
  };
}

function shellScript(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines("#!/usr/bin/env bash", "set -euo pipefail", "");
    const put = renderer("shell", { rng, service });
    interleave(doc, items, rng, (item) => put(doc, item), () => f.shellFiller(rng, service));
    doc.text(f.shellFiller(rng, service));
    return doc;
  };
}

function jsonConfig(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines("{", `  "service": "${service}",`, `  "region": "${rng.pick(["eu-west-1", "us-east-1"])}",`, `  "pollIntervalMs": ${rng.pick([500, 1000, 5000])}${items.length ? "," : ""}`);
    const put = renderer("json", { rng, service });
    items.forEach((item, index) => put(doc, item, { last: index === items.length - 1 }));
    doc.lines("}");
    return doc;
  };
}

function ecsTask(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines("{", `  "family": "${service}",`, '  "networkMode": "awsvpc",', '  "containerDefinitions": [', "    {", `      "name": "${service}",`);
    doc.text(`      "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/${service}@`).decoy("evm-private-key", "image-digest", "ecs:image", `sha256:${t.hex(rng, 64)}`).text('",\n');
    doc.lines('      "essential": true,', '      "secrets": [', `        { "name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/${service}/db_password" }`, "      ],", '      "environment": [');
    const put = renderer("ecs", { rng, service });
    items.forEach((item, index) => put(doc, item, { last: index === items.length - 1 }));
    doc.lines("      ]", "    }", "  ]", "}");
    return doc;
  };
}

// ---- deployment ----------------------------------------------------------------------------------

function k8sDeployment(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines("apiVersion: apps/v1", "kind: Deployment", "metadata:", `  name: ${service}`, "  namespace: trading", "spec:", `  replicas: ${rng.between(1, 4)}`, "  selector:", "    matchLabels:", `      app: ${service}`, "  template:", "    metadata:", "      labels:", `        app: ${service}`, "    spec:", "      containers:", `        - name: ${service}`);
    doc.text(`          image: ghcr.io/acme/${service}@`).decoy("hitl-challenge-hmac-key", "image-digest", "k8s:image", `sha256:${t.hex(rng, 64)}`).text("\n");
    doc.lines("          env:", "            - name: LOG_LEVEL", "              value: info", "            - name: DB_PASSWORD", "              valueFrom:", "                secretKeyRef:", `                  name: ${service}-secrets`, "                  key: db-password");
    const put = renderer("k8s-env", { rng, service });
    items.forEach((item) => put(doc, item));
    doc.lines("          ports:", "            - containerPort: 8080");
    return doc;
  };
}

function k8sSecret(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines("apiVersion: v1", "kind: Secret", "metadata:", `  name: ${service}-secrets`, "  namespace: trading", "type: Opaque");
    const single = items.filter((item) => !item.value.includes("\n"));
    const data = single.filter((_, index) => index % 3 !== 2);
    const rest = items.filter((item) => !data.includes(item));
    const put = renderer("k8s-secret", { rng, service });
    if (data.length) {
      doc.lines("data:");
      data.forEach((item) => put(doc, item, { mode: "data" }));
    }
    if (rest.length) {
      doc.lines("stringData:");
      rest.forEach((item) => put(doc, item, { mode: "stringData" }));
    }
    return doc;
  };
}

function helmValues(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines(`# Default values for ${service}.`, "replicaCount: 2", "image:", `  repository: ghcr.io/acme/${service}`);
    doc.text("  digest: ").decoy("hitl-challenge-hmac-key", "image-digest", "helm:image", `sha256:${t.hex(rng, 64)}`).text("\n");
    doc.lines("resources:", "  limits:", "    memory: 256Mi");
    const put = renderer("yaml", { rng, service });
    items.forEach((item) => put(doc, item));
    return doc;
  };
}

function compose(services: readonly string[]): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines("services:");
    const mode = rng.pick(["list", "map"]);
    const put = renderer("compose", { rng, service: services[0]!, mode });
    const perService = Math.ceil(items.length / services.length) || 1;
    services.forEach((service, index) => {
      doc.lines(`  ${service}:`, `    image: ghcr.io/acme/${service}:latest`, "    environment:");
      doc.lines(mode === "list" ? "      - LOG_LEVEL=info" : "      LOG_LEVEL: info");
      items.slice(index * perService, (index + 1) * perService).forEach((item) => put(doc, item));
    });
    doc.lines("  postgres:", "    image: postgres:16", "    environment:", "      POSTGRES_PASSWORD: postgres", "      POSTGRES_DB: app");
    return doc;
  };
}

function workflowFile(name: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines(`name: ${name}`, "on:", "  push:", "    branches: [main]", "  workflow_dispatch:", "jobs:", "  build:", "    runs-on: ubuntu-latest", "    env:", "      NODE_VERSION: 20", "      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}");
    const put = renderer("workflow", { rng, service: name });
    items.forEach((item) => put(doc, item));
    doc.lines("    steps:");
    doc.text("      - uses: actions/checkout@").decoy("github-token", "git-sha", "workflow:action-pin", t.hex(rng, 40)).text(" # v4\n");
    doc.text("      - uses: actions/setup-node@").decoy("aws-secret-access-key", "git-sha", "workflow:action-pin", t.hex(rng, 40)).text(" # v4\n");
    doc.lines("        with:", "          node-version: ${{ env.NODE_VERSION }}", "      - run: npm ci && npm test", "        env:", "          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}");
    return doc;
  };
}

function dockerfile(service: string, lang: Lang): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    const base = { ts: "node:20-slim", py: "python:3.12-slim", go: "golang:1.22", php: "php:8.3-fpm" }[lang];
    doc.text(`FROM ${base}@`).decoy("evm-private-key", "image-digest", "dockerfile:from", `sha256:${t.hex(rng, 64)}`).text("\n");
    doc.lines("WORKDIR /app", "COPY . .");
    const put = renderer("dockerfile", { rng, service });
    items.forEach((item) => put(doc, item));
    doc.lines(`EXPOSE 8080`, `CMD ["./bin/${service}"]`);
    return doc;
  };
}

function terraform(name: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines(`resource "aws_ssm_parameter" "${name}" {`, `  name  = "/trading/${name}"`, '  type  = "SecureString"', "}", "", `resource "aws_lambda_function" "${name}" {`, `  function_name = "${name}"`, '  runtime       = "python3.12"', "  environment {", "    variables = {", '      LOG_LEVEL = "info"', "    }", "  }");
    const put = renderer("tf", { rng, service: name });
    items.forEach((item) => put(doc, item));
    doc.lines("}");
    return doc;
  };
}

// ---- documents, logs, notebooks -----------------------------------------------------------------

function markdown(title: string, service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines(`# ${title}`, "");
    doc.text(f.proseFiller(rng, service));
    const put = renderer("md", { rng, service });
    interleave(doc, items, rng, (item) => put(doc, item), () => f.proseFiller(rng, service), 0.5);
    if (rng.chance(0.5)) {
      doc.text("Deployed at commit ").decoy("generic-secret", "git-sha", "md:commit", t.hex(rng, 40)).text(".\n");
    }
    return doc;
  };
}

function logFile(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    const put = renderer("log", { rng, service });
    const noise = (): string => f.logFiller(rng, service, stamp(rng));
    for (let i = 0; i < rng.between(3, 8); i++) doc.text(noise());
    doc.text(`${stamp(rng)} INFO  ${service} request_id=`).decoy(rng.pick(["okx-api-key", "kucoin-api-secret"]), "uuid", "log:request-id", t.uuid(rng)).text(" status=200\n");
    if (service.includes("notif") || rng.chance(0.3)) {
      doc.text(`${stamp(rng)} INFO  ${service} posted to slack channel=`).decoy("slack-verification-token", "slack-id", "log:slack-channel", t.slackId(rng, "C"));
      doc.text(" ts=").decoy("slack-signing-secret", "slack-ts", "log:slack-ts", `${1_700_000_000 + rng.int(40_000_000)}.${t.digits(rng, 6)}`).text("\n");
    }
    if (service.includes("settle") || rng.chance(0.3)) {
      doc.text(`${stamp(rng)} INFO  ${service} settlement sent tx=`).decoy("evm-private-key", "tx-hash", "log:tx-hash", `0x${t.hex(rng, 64)}`);
      doc.text(" to=").decoy("evm-private-key", "eth-address", "log:address", `0x${t.hex(rng, 40)}`).text("\n");
    }
    interleave(doc, items, rng, (item) => put(doc, item), noise, 0.8);
    doc.text(noise());
    return doc;
  };
}

function notebook(title: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    doc.lines("{", ' "cells": [', "  {", '   "cell_type": "markdown",', '   "metadata": {},', `   "source": ["# ${title}\\n", "Exploration of fills and slippage."]`, "  },");
    const put = renderer("ipynb", { rng, service: title });
    items.forEach((item) => put(doc, item));
    doc.lines("  {", '   "cell_type": "code",', `   "execution_count": ${rng.between(40, 90)},`, '   "metadata": {},', '   "outputs": [', "    {", '     "data": {');
    const png = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), rng.bytes(rng.between(600, 1400))]).toString("base64");
    doc.text('      "image/png": "').decoy("aws-session-token", "base64-image", "ipynb:image", png).text('",\n');
    doc.lines('      "text/plain": ["<Figure size 640x480 with 1 Axes>"]', "     },", '     "metadata": {},', '     "output_type": "display_data"', "    }", "   ],", '   "source": ["df.plot(x=\\"ts\\", y=\\"slippage_bps\\")"]', "  }", " ],", ' "metadata": {', '  "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}', " },", ' "nbformat": 4,', ' "nbformat_minor": 5', "}");
    return doc;
  };
}

// ---- special files -------------------------------------------------------------------------------

function npmrcFile(items: readonly Item[], rng: Rng): Doc {
  const doc = new Doc();
  doc.lines("registry=https://registry.npmjs.org/", "@acme:registry=https://npm.pkg.github.com/");
  items.forEach((item) => RENDERERS.npmrc(doc, item, { rng, service: "npm" }));
  doc.lines("save-exact=true");
  return doc;
}

function serviceAccount(project: string): (items: readonly Item[], rng: Rng) => Doc {
  return (items, rng) => {
    const doc = new Doc();
    const email = `${rng.pick(["deployer", "bq-reader", "ci"])}@${project}.iam.gserviceaccount.com`;
    doc.lines("{", '  "type": "service_account",', `  "project_id": "${project}",`);
    doc.text('  "private_key_id": "').decoy("gcp-service-account", "key-id", "sa-json:private_key_id", t.hex(rng, 40)).text('",\n');
    items.forEach((item) => RENDERERS["sa-json"](doc, item, { rng, service: project }));
    doc.lines(`  "client_email": "${email}",`);
    doc.text('  "client_id": "').decoy("gcp-service-account", "client-id", "sa-json:client_id", t.digits(rng, 21).replace(/^0/, "1")).text('",\n');
    doc.lines('  "auth_uri": "https://accounts.google.com/o/oauth2/auth",', '  "token_uri": "https://oauth2.googleapis.com/token",', `  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(email)}",`, '  "universe_domain": "googleapis.com"', "}");
    return doc;
  };
}

function pemFile(items: readonly Item[], rng: Rng): Doc {
  const doc = new Doc();
  items.forEach((item) => RENDERERS.pem(doc, item, { rng, service: "keys" }));
  return doc;
}

function minifiedBundle(items: readonly Item[], rng: Rng): Doc {
  const doc = new Doc();
  doc.text('"use strict";(()=>{var e={');
  doc.text('colors:{primary:"').decoy("generic-secret", "hex-colour", "minjs:colour", `#${t.hex(rng, 6)}`).text('",accent:"').decoy("generic-secret", "hex-colour", "minjs:colour", `#${t.hex(rng, 6)}`).text('"}');
  doc.text(',env:"production",region:"eu-west-1"');
  items.forEach((item) => RENDERERS.minjs(doc, item, { rng, service: "web" }));
  doc.text('};function t(n){return n.replace(');
  doc.decoy("slack-bot-token", "regex", "minjs:regex", "/xox[abposr]-[0-9A-Za-z-]{10,72}/g").text(',"[redacted]").replace(');
  doc.decoy("github-token", "regex", "minjs:regex", "/gh[pousr]_[A-Za-z0-9]{36}/g").text(',"[redacted]")}');
  doc.text('var r=new FontFace("Inter","url(data:font/woff2;base64,').decoy("ibkr-access-token-secret", "base64-font", "minjs:font", Buffer.concat([Buffer.from("774f4632", "hex"), rng.bytes(rng.between(400, 900))]).toString("base64")).text(')");');
  doc.text(`document.fonts.add(r);window.__APP__=e;console.log("build ${"%s"}",t(location.href))})();\n`);
  return doc;
}

function cssFile(_: readonly Item[], rng: Rng): Doc {
  const doc = new Doc();
  for (const name of ["--brand", "--surface", "--accent", "--danger"]) {
    doc.text(`:root { ${name}: `).decoy("generic-secret", "hex-colour", "css:colour", `#${t.hex(rng, 6)}`).text("; }\n");
  }
  doc.text(".logo { background-image: url(\"data:image/png;base64,").decoy("aws-session-token", "base64-image", "css:image", Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), rng.bytes(rng.between(300, 800))]).toString("base64")).text('"); }\n');
  return doc;
}

function packageLock(service: string): (items: readonly Item[], rng: Rng) => Doc {
  return (_, rng) => {
    const doc = new Doc();
    doc.lines("{", `  "name": "${service}",`, '  "version": "1.0.0",', '  "lockfileVersion": 3,', '  "requires": true,', '  "packages": {');
    const deps = rng.shuffle(["express", "zod", "pino", "undici", "ioredis", "pg", "ws", "dayjs", "ccxt", "@slack/web-api"]).slice(0, rng.between(4, 8));
    deps.forEach((dep, index) => {
      doc.lines(`    "node_modules/${dep}": {`, `      "version": "${rng.between(1, 9)}.${rng.between(0, 20)}.${rng.between(0, 9)}",`, `      "resolved": "https://registry.npmjs.org/${dep}/-/${dep.split("/").pop()}-1.0.0.tgz",`);
      doc.text('      "integrity": "').decoy(rng.pick(["npm-token", "generic-secret", "coinbase-cdp-ed25519-secret", "kraken-private-key"]), "integrity", "lock:integrity", `sha512-${t.b64(rng, 64)}`).text('",\n');
      doc.lines('      "license": "MIT"', `    }${index === deps.length - 1 ? "" : ","}`);
    });
    doc.lines("  }", "}");
    return doc;
  };
}

function goSum(_: readonly Item[], rng: Rng): Doc {
  const doc = new Doc();
  for (const mod of rng.shuffle(["github.com/gorilla/websocket v1.5.1", "github.com/shopspring/decimal v1.3.1", "go.uber.org/zap v1.27.0", "golang.org/x/sync v0.7.0", "github.com/redis/go-redis/v9 v9.5.1"])) {
    doc.text(`${mod} h1:`).decoy("generic-secret", "go.sum", "go.sum", `${t.b64(rng, 32)}`).text("\n");
    doc.text(`${mod}/go.mod h1:`).decoy("aws-secret-access-key", "go.sum", "go.sum", `${t.b64(rng, 32)}`).text("\n");
  }
  return doc;
}

function requirements(_: readonly Item[], rng: Rng): Doc {
  const doc = new Doc();
  for (const pkg of rng.shuffle(["requests==2.32.3", "pydantic==2.8.2", "python-binance==1.0.19", "slack-sdk==3.31.0", "pandas==2.2.2"]).slice(0, 4)) {
    doc.text(`${pkg} \\\n    --hash=sha256:`).decoy(rng.pick(["hitl-challenge-hmac-key", "evm-private-key", "binance-api-secret"]), "sha256", "requirements:hash", t.hex(rng, 64)).text("\n");
  }
  return doc;
}

function checksums(_: readonly Item[], rng: Rng): Doc {
  const doc = new Doc();
  for (const file of ["leakgate-linux-amd64.tar.gz", "leakgate-darwin-arm64.tar.gz", "trading-cli_1.4.2_linux_amd64.deb"]) {
    doc.decoy(rng.pick(["hitl-challenge-hmac-key", "evm-private-key"]), "sha256", "sha256sum", t.hex(rng, 64)).text(`  ${file}\n`);
  }
  return doc;
}

function changelog(_: readonly Item[], rng: Rng): Doc {
  const doc = new Doc();
  doc.lines("# Changelog", "");
  for (const version of ["1.4.2", "1.4.1", "1.4.0"]) {
    doc.lines(`## ${version}`, "");
    doc.text("- fix reconnect loop (").decoy(rng.pick(["generic-secret", "alpaca-secret-key", "github-token"]), "git-sha", "md:commit", t.hex(rng, 40)).text(")\n");
    doc.text("- bump dependencies (").decoy("aws-secret-access-key", "git-sha", "md:commit", t.hex(rng, 40)).text(")\n\n");
  }
  return doc;
}

function plain(lines: string[]): (items: readonly Item[], rng: Rng) => Doc {
  return () => new Doc().lines(...lines);
}

// ---- the plan --------------------------------------------------------------------------------------

export const SERVICE_NAMES = [
  "execution-gateway",
  "budget-governor",
  "market-data",
  "risk-engine",
  "ledger",
  "notifier",
  "settlement",
  "pricing",
  "portfolio",
  "reporting",
  "scheduler",
  "alerts",
  "ingest",
  "backoffice",
];

const EXT: Record<Exclude<Lang, "php">, string> = { ts: "ts", py: "py", go: "go" };

/** Every file of the repository, before items are assigned. */
export function planFiles(rng: Rng, services: readonly Service[]): FilePlan[] {
  const plans: FilePlan[] = [];
  const add = (path: string, syntax: Syntax | undefined, capacity: number, build: FilePlan["build"], pathLabel?: PathLabel): void => {
    plans.push({ path, syntax, capacity, build, ...(pathLabel ? { pathLabel } : {}) });
  };
  for (const { name, lang } of services) {
    const root = `services/${name}`;
    if (lang === "php") {
      add(`${root}/config/services.php`, "php", 6, phpConfig(name));
      add(`${root}/config/exchanges.php`, "php", 5, phpConfig(name));
    } else {
      const ext = EXT[lang];
      add(`${root}/src/config.${ext}`, lang, 6, codeFile(lang, name));
      add(`${root}/src/${rng.pick(["client", "exchange", "venue"])}.${ext}`, lang, 4, codeFile(lang, name));
      add(`${root}/src/${rng.pick(["handlers", "jobs", "worker"])}.${ext}`, lang, 3, codeFile(lang, name));
      add(`${root}/scripts/smoke_test.${ext}`, lang, 3, codeFile(lang, name));
    }
    add(`${root}/config.yaml`, "yaml", 5, yamlConfig(name));
    if (lang !== "ts") add(`${root}/settings.toml`, "toml", 4, tomlConfig(name));
    if (lang === "py" || rng.chance(0.3)) add(`${root}/${rng.pick(["config.ini", "setup.cfg", "alembic.ini"])}`, "ini", 3, iniConfig(name));
    if (lang === "ts") add(`${root}/config/default.json`, "json", 4, jsonConfig(name));
    add(`${root}/.env.example`, "env", 6, envFile(name, `Copy to .env and fill in (${name})`), { kind: "env-file", role: "decoy" });
    add(`${root}/scripts/deploy.sh`, "shell", 3, shellScript(name));
    add(`${root}/Dockerfile`, "dockerfile", 2, dockerfile(name, lang));
    add(`${root}/README.md`, "md", 4, markdown(name, name));
    add(`${root}/docs/runbook.md`, "md", 3, markdown(`${name} runbook`, name));
    add(`${root}/logs/${name}-2024-0${rng.between(1, 9)}-${rng.between(10, 28)}.log`, "log", 5, logFile(name));
    add(`${root}/logs/${name}-debug.log`, "log", 4, logFile(name));
    add(`deploy/k8s/${name}/deployment.yaml`, "k8s-env", 5, k8sDeployment(name));
    add(`deploy/k8s/${name}/secret.yaml`, "k8s-secret", 5, k8sSecret(name));
    add(`deploy/helm/${name}/values.yaml`, "yaml", 3, helmValues(name));
    if (lang === "ts") add(`${root}/package-lock.json`, undefined, 0, packageLock(name));
    if (lang === "go") add(`${root}/go.sum`, undefined, 0, goSum);
    if (lang === "py") add(`${root}/requirements.txt`, undefined, 0, requirements);
  }
  const names = services.map((s) => s.name);
  for (let i = 0; i < names.length; i += 3) add(`docker-compose${i ? `.${names[i]}` : ""}.yml`, "compose", 6, compose(names.slice(i, i + 3)));
  for (const wf of ["ci", "deploy", "release", "nightly-backtest", "sync-secrets"]) add(`.github/workflows/${wf}.yml`, "workflow", 3, workflowFile(wf));
  for (const doc of ["onboarding", "architecture", "exchanges", "incident-2024-03-slack-outage", "incident-2024-05-budget-overrun", "secrets-management", "local-development", "api-keys"]) {
    add(`docs/${doc}.md`, "md", 5, markdown(doc.replace(/-/g, " "), rng.pick(names)));
  }
  add(".github/ISSUE_TEMPLATE/bug_report.md", "md", 3, markdown("Bug report", rng.pick(names)));
  add(".github/ISSUE_TEMPLATE/exchange_error.md", "md", 3, markdown("Exchange error", rng.pick(names)));
  for (const nb of ["slippage-analysis", "funding-rates", "budget-forecast", "backtest-momentum", "wallet-reconciliation", "llm-cost-report"]) {
    add(`notebooks/${nb}.ipynb`, "ipynb", 4, notebook(nb));
  }
  for (const tf of ["lambda-settlement", "lambda-alerts", "secrets"]) add(`infra/terraform/${tf}.tf`, "tf", 4, terraform(tf.replace(/-/g, "_")));
  for (const task of names.slice(0, 3)) add(`infra/ecs/${task}-task.json`, "ecs", 5, ecsTask(task));
  add(`web/dist/assets/index-${t.hex(rng, 8)}.js`, "minjs", 4, minifiedBundle);
  add(`web/dist/assets/vendor-${t.hex(rng, 8)}.js`, "minjs", 3, minifiedBundle);
  add("web/src/styles.css", undefined, 0, cssFile);
  add(".npmrc", "npmrc", 2, npmrcFile);
  add("web/.npmrc", "npmrc", 2, npmrcFile);
  add("packages/sdk/.npmrc", "npmrc", 2, npmrcFile);
  add("CHANGELOG.md", undefined, 0, changelog);
  add("dist/SHA256SUMS", undefined, 0, checksums);
  // Files a policy forbids whatever they hold, and their harmless neighbours.
  add(".env", "env", 5, envFile("platform", "local overrides"), { kind: "env-file", role: "secret" });
  add(`services/${names[0]}/.env.production`, "env", 5, envFile(names[0]!, "production"), { kind: "env-file", role: "secret" });
  add("config/.env.local", "env", 4, envFile("platform", "local"), { kind: "env-file", role: "secret" });
  add(".env.sample", "env", 3, envFile("platform", "sample"), { kind: "env-file", role: "decoy" });
  add(".env.template", "env", 3, envFile("platform", "template"), { kind: "env-file", role: "decoy" });
  add("config/.env.dist", "env", 3, envFile("platform", "dist"), { kind: "env-file", role: "decoy" });
  add(".envrc", undefined, 0, plain(["dotenv_if_exists .env", "layout python3"]), { kind: "env-file", role: "decoy" });
  add("deploy/tls/server.key", "pem", 1, pemFile, { kind: "key-file", role: "secret" });
  add("deploy/jwt/signing.pem", "pem", 1, pemFile, { kind: "key-file", role: "secret" });
  add("ops/ssh/id_ed25519", "pem", 1, pemFile, { kind: "key-file", role: "secret" });
  add("ops/ssh/id_ed25519.pub", undefined, 0, (_, r) => new Doc().lines(t.sshPublicKey(r)), { kind: "key-file", role: "decoy" });
  add("deploy/tls/server.crt", undefined, 0, (_, r) => new Doc().lines(t.certificatePem(r)), { kind: "key-file", role: "decoy" });
  add("deploy/tls/server.pem.example", undefined, 0, plain(["-----BEGIN CERTIFICATE-----", "(paste the certificate here)", "-----END CERTIFICATE-----"]), { kind: "key-file", role: "decoy" });
  add("deploy/tls/README.md", undefined, 0, plain(["# TLS", "", "Keys live in the secret manager; `server.key` is mounted at start-up."]), { kind: "key-file", role: "decoy" });
  add("src/keys/pem.ts", undefined, 0, plain(['export const PEM_SUFFIX = ".pem";']), { kind: "key-file", role: "decoy" });
  add("docs/ssh-keys.md", undefined, 0, plain(["# SSH keys", "", "Generate one with `ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519`."]), { kind: "key-file", role: "decoy" });
  add(".nanobot/config.json", "json", 3, jsonConfig("nanobot"), { kind: "nanobot-config", role: "secret" });
  add("tools/agent/.nanobot/memory.json", undefined, 0, plain(["{}"]), { kind: "nanobot-config", role: "secret" });
  add("docs/nanobot.md", undefined, 0, plain(["# nanobot", "", "The agent reads `~/.nanobot/config.json`; never copy it into a repository."]), { kind: "nanobot-config", role: "decoy" });
  add("tools/nanobot/config.json", undefined, 0, plain(['{ "model": "openrouter/auto" }']), { kind: "nanobot-config", role: "decoy" });
  add("nanobot.config.example.json", undefined, 0, plain(['{ "apiKey": "<your-key>" }']), { kind: "nanobot-config", role: "decoy" });
  add("src/nanobot/index.ts", undefined, 0, plain(['export const CONFIG_DIR = ".nanobot";']), { kind: "nanobot-config", role: "decoy" });
  return plans;
}

/** One service-account file per item of that kind: each file holds one key. */
export function serviceAccountPlan(index: number, rng: Rng): FilePlan {
  const project = `${rng.pick(["acme-trading", "acme-data", "acme-ml"])}-${t.digits(rng, 6)}`;
  const path = rng.pick([`ops/gcp/${project}-sa-${index}.json`, `infra/keys/${project}-${index}.json`, `notebooks/credentials/${project}-${index}.json`]);
  return { path, syntax: "sa-json", capacity: 1, build: serviceAccount(project) };
}
