/**
 * A small translator over our JSON resources: dotted keys, `{{name}}` interpolation, plurals by
 * `count` (`key_one` / `key_other`, chosen with Intl.PluralRules) and `returnObjects` for a
 * subtree. It replaces i18next at run time because translation sat on every render's hot path
 * (about a fifth of a page's server time); lookups are cached per language.
 */
export type TranslationTree = { [key: string]: string | TranslationTree };

export interface TOptions {
  count?: number;
  returnObjects?: boolean;
  [name: string]: unknown;
}

export interface TFunction {
  (key: string, options?: TOptions): string;
}

export interface Translator {
  language: string;
  t: TFunction;
  exists(key: string): boolean;
}

const INTERPOLATION = /\{\{\s*([\w.]+)\s*\}\}/g;

export function createTranslator(language: string, resources: TranslationTree): Translator {
  const cache = new Map<string, string | TranslationTree | undefined>();
  const plural = new Intl.PluralRules(language);

  const lookup = (key: string): string | TranslationTree | undefined => {
    if (cache.has(key)) return cache.get(key);
    let node: string | TranslationTree | undefined = resources;
    for (const part of key.split(".")) {
      if (node === undefined || typeof node === "string") {
        node = undefined;
        break;
      }
      node = node[part];
    }
    cache.set(key, node);
    return node;
  };

  const t = ((key: string, options?: TOptions): unknown => {
    let value: string | TranslationTree | undefined;
    if (options && typeof options.count === "number") {
      value = lookup(`${key}_${plural.select(options.count)}`) ?? lookup(`${key}_other`);
    }
    value ??= lookup(key);
    if (value === undefined) return key;
    if (typeof value !== "string") return options?.returnObjects ? value : key;
    if (!options || !value.includes("{{")) return value;
    return value.replace(INTERPOLATION, (whole, name: string) => {
      const v = options[name];
      return v === undefined || v === null ? whole : String(v);
    });
  }) as TFunction;

  return { language, t, exists: (key) => typeof lookup(key) === "string" };
}
