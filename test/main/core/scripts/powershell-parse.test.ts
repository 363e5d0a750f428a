/**
 * Every generated PowerShell script parses: tree-sitter-powershell's WebAssembly grammar (a dev
 * dependency, no compiler needed) reads each golden file and each inventory script, and a syntax
 * error anywhere fails with its line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { inventoryScript } from '../../../../main/core/inventory/scripts.js';

const golden = fileURLToPath(new URL('../../../fixtures/scripts/', import.meta.url));
const require = createRequire(import.meta.url);
let parser: Parser;

beforeAll(async () => {
  await Parser.init();
  parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm')));
});

/** The first ERROR or MISSING node, as "line N: text", or null when the script parses. */
function firstError(source: string): string | null {
  const tree = parser.parse(source);
  if (tree === null) return 'the parser returned nothing';
  const visit = (node: Node): string | null => {
    if (node.isError || node.isMissing) return `line ${node.startPosition.row + 1}: ${JSON.stringify(node.text.slice(0, 80))}`;
    for (const child of node.children.filter((candidate): candidate is Node => candidate !== null)) {
      const found = visit(child);
      if (found !== null) return found;
    }
    return null;
  };
  return tree.rootNode.hasError ? (visit(tree.rootNode) ?? 'a syntax error') : null;
}

const scripts = readdirSync(golden).filter((name) => name.endsWith('.ps1'));

describe('generated PowerShell parses', () => {
  it('finds a syntax error when there is one', () => {
    expect(firstError("if ($a { Write-Host 'x'\n")).not.toBeNull();
  });

  it.each(scripts)('golden %s', (name) => {
    expect(firstError(readFileSync(`${golden}${name}`, 'utf8'))).toBeNull();
  });

  it.each(['exchange-online', 'exchange-server'] as const)('inventory script for %s', (side) => {
    expect(firstError(inventoryScript(side).content)).toBeNull();
  });
});
