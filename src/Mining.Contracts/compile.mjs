// Compiles the Solidity sources with the pinned solc (npm "solc", infra/local/package.json) and writes one
// artifact per contract (ABI, creation and runtime bytecode, compiler settings) as deterministic JSON.
// Usage: node compile.mjs [outputDirectory]   (default: ./Artifacts next to this script)
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const nodeModules = resolve(here, "../../infra/local/node_modules");
const require = createRequire(join(nodeModules, "noop.js"));
const solc = require("solc");

const sourceDir = join(here, "Solidity");
const outputDir = resolve(process.argv[2] ?? join(here, "Artifacts"));
const contracts = ["LearningRegistry", "LearningToken"];

const settings = {
  optimizer: { enabled: true, runs: 10000 },
  evmVersion: "cancun",
  metadata: { bytecodeHash: "none" },
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
};

const sources = {};
for (const file of readdirSync(sourceDir).filter((f) => f.endsWith(".sol")).sort()) {
  sources[file] = { content: readFileSync(join(sourceDir, file), "utf8") };
}

function findImports(path) {
  try {
    return { contents: readFileSync(join(nodeModules, path), "utf8") };
  } catch {
    return { error: `import not found: ${path}` };
  }
}

const output = JSON.parse(solc.compile(JSON.stringify({ language: "Solidity", sources, settings }), { import: findImports }));
const errors = (output.errors ?? []).filter((e) => e.severity === "error");
for (const message of output.errors ?? []) {
  process.stderr.write(message.formattedMessage + "\n");
}
if (errors.length > 0) {
  process.exit(1);
}

mkdirSync(outputDir, { recursive: true });
for (const name of contracts) {
  const compiled = output.contracts[`${name}.sol`][name];
  const artifact = {
    contractName: name,
    compiler: { solc: solc.version(), optimizer: settings.optimizer, evmVersion: settings.evmVersion, bytecodeHash: "none" },
    abi: compiled.abi,
    bytecode: "0x" + compiled.evm.bytecode.object,
    deployedBytecode: "0x" + compiled.evm.deployedBytecode.object,
  };
  writeFileSync(join(outputDir, `${name}.json`), JSON.stringify(artifact, null, 2) + "\n");
}
process.stdout.write(`compiled ${contracts.join(", ")} with solc ${solc.version()} into ${outputDir}\n`);
