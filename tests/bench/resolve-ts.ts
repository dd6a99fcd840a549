// Lets plain Node (type stripping) load lib/ modules, whose relative imports omit
// the ".ts" (or "/index.ts") that Next and vitest add themselves. Import this before any lib/ module.
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const isRelativeWithoutExtension = /^\.\.?\//.test(specifier) && !/\.[cm]?[jt]sx?$/.test(specifier);
      if (!isRelativeWithoutExtension) throw error;
      try {
        return nextResolve(`${specifier}.ts`, context);
      } catch {
        // "../store" means the folder's index.ts.
        return nextResolve(`${specifier}/index.ts`, context);
      }
    }
  },
});
