#!/usr/bin/env bash
# Compiles and lints infra/azure/main.bicep with the bicep compiler that tests/Mining.Infra.Tests restores
# (NuGet package Azure.Bicep.CommandLine.linux-x64). Fails on any error and on any warning or linter finding.
# Usage: infra/azure/check.sh [output.json]   (default: the compiled template goes to a temporary file)
set -uo pipefail
cd "$(dirname "$0")/../.."

project=tests/Mining.Infra.Tests/Mining.Infra.Tests.csproj
bicep=$(dotnet msbuild "$project" -getProperty:BicepPath 2>/dev/null)
if [ -z "$bicep" ] || [ ! -f "$bicep" ]; then
  dotnet restore "$project" >/dev/null || { echo "Restoring $project (which carries the bicep compiler) failed." >&2; exit 1; }
  bicep=$(dotnet msbuild "$project" -getProperty:BicepPath)
fi
[ -x "$bicep" ] || chmod u+x "$bicep"

out=${1:-$(mktemp --suffix=.json)}
failed=0
for step in build lint; do
  if [ "$step" = build ]; then
    diagnostics=$("$bicep" build infra/azure/main.bicep --outfile "$out" 2>&1); status=$?
  else
    diagnostics=$("$bicep" lint infra/azure/main.bicep 2>&1); status=$?
  fi
  if [ "$status" -ne 0 ] || [ -n "$diagnostics" ]; then
    echo "bicep $step infra/azure/main.bicep: exit code $status, findings:" >&2
    echo "$diagnostics" >&2
    failed=1
  fi
done
[ "$failed" -eq 0 ] && echo "bicep build and lint of infra/azure/main.bicep: no errors, no warnings ($("$bicep" --version))"
exit "$failed"
