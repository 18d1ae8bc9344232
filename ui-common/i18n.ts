// Message lookup shared by the screens: zh-CN first, English second, `{name}` placeholders.
export type Lang = 'zh-CN' | 'en';
export type Vars = Record<string, string | number>;

/** Fills `{name}` placeholders; a name without a value stays as written, so a missing one shows. */
export function fill(template: string, vars?: Vars): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

/** t(key, vars) over one language's table. */
export function translator<K extends string>(tables: Record<Lang, Record<K, string>>, lang: Lang): (key: K, vars?: Vars) => string {
  const table = tables[lang];
  return (key, vars) => fill(table[key], vars);
}
