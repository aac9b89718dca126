// custom-elements.json from the elements' JSDoc (@fires, @csspart, @cssproperty, ...), read by
// Storybook for controls/docs and by editors through package.json "customElements".

/**
 * The analyzer takes `customElements.define(LR_CURVE_TAG, LrCurve)` literally and records the
 * tag as "LR_CURVE_TAG". Our index.ts files name the tag in a const (so tests and
 * HTMLElementTagNameMap share one spelling); this plugin resolves such a const, declared in
 * the same file as the define call, to its string value.
 */
function resolveTagConstants() {
  /** class name -> { identifier, tag } for every define call whose tag is a const. */
  const defined = new Map();
  return {
    name: 'optim-lab:resolve-tag-constants',
    analyzePhase({ ts, node }) {
      if (!ts.isSourceFile(node)) return;
      const constants = new Map();
      for (const statement of node.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        for (const declaration of statement.declarationList.declarations) {
          if (
            ts.isIdentifier(declaration.name) &&
            declaration.initializer &&
            ts.isStringLiteralLike(declaration.initializer)
          ) {
            constants.set(declaration.name.text, declaration.initializer.text);
          }
        }
      }
      const visit = (child) => {
        if (
          ts.isCallExpression(child) &&
          child.expression.getText(node) === 'customElements.define' &&
          child.arguments.length >= 2 &&
          ts.isIdentifier(child.arguments[0]) &&
          ts.isIdentifier(child.arguments[1]) &&
          constants.has(child.arguments[0].text)
        ) {
          defined.set(child.arguments[1].text, {
            identifier: child.arguments[0].text,
            tag: constants.get(child.arguments[0].text),
          });
        }
        ts.forEachChild(child, visit);
      };
      visit(node);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          const found = defined.get(declaration.name);
          if (found && declaration.tagName === found.identifier) declaration.tagName = found.tag;
        }
        for (const entry of module.exports ?? []) {
          const found = defined.get(entry.declaration?.name);
          if (
            entry.kind === 'custom-element-definition' &&
            found &&
            entry.name === found.identifier
          ) {
            entry.name = found.tag;
          }
        }
      }
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.test.ts', 'components/**/*.stories.ts', 'components/embed.ts'],
  outdir: '.',
  litelement: true,
  // true would write a "customElements" field into package.json; the lead owns that file.
  packagejson: false,
  plugins: [resolveTagConstants()],
};
