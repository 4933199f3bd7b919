// Node resolve hook: tfjs-core's ESM build (dist/*.js) uses extensionless relative imports, which bundlers
// accept and Node does not. Only that package's own relative imports are rewritten to `<spec>.js`.
import { existsSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';

export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? '';
  if (parent.includes('/@tensorflow/tfjs-core/dist/') && specifier.startsWith('.') && !specifier.endsWith('.js')) {
    const url = new URL(specifier + '.js', parent);
    if (existsSync(fileURLToPath(url))) return next(url.href, context);
  }
  return next(specifier, context);
}
