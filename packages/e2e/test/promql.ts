import { readdir, readFile } from 'node:fs/promises';
import type { Exposition } from '@mall/metrics';

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring']);

/** The metric names a PromQL expression (or a Grafana `label_values(metric, label)` query) reads. */
export function metricNames(expression: string): string[] {
  const stripped = expression
    .replace(/label_values\(\s*([^,)]+?)\s*(?:,[^)]*)?\)/g, ' $1 ')
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\w+/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const isFunction = stripped
      .slice(match.index + match[0].length)
      .trimStart()
      .startsWith('(');
    if (!isFunction && !KEYWORDS.has(match[0])) names.add(match[0]);
  }
  return [...names];
}

interface Dashboard {
  title: string;
  panels?: { title?: string; targets?: { expr?: string }[] }[];
  templating?: { list?: { name: string; query?: string | { query?: string } }[] };
}

/** Every query of the provisioned dashboards in `dir`, named by dashboard and panel. */
export async function dashboardQueries(dir: URL): Promise<{ where: string; expression: string }[]> {
  const queries: { where: string; expression: string }[] = [];
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.json'))) {
    const dashboard = JSON.parse(await readFile(new URL(file, dir), 'utf8')) as Dashboard;
    for (const panel of dashboard.panels ?? []) {
      for (const target of panel.targets ?? []) {
        if (target.expr) queries.push({ where: `${file}: ${panel.title}`, expression: target.expr });
      }
    }
    for (const variable of dashboard.templating?.list ?? []) {
      const query = typeof variable.query === 'string' ? variable.query : variable.query?.query;
      if (query) queries.push({ where: `${file}: variable ${variable.name}`, expression: query });
    }
  }
  return queries;
}

/** Whether a scrape exports `name`: a family, or a histogram's or summary's `_bucket` / `_count` / `_sum` series. */
export function exports(exposition: Exposition, name: string): boolean {
  if (exposition.families.has(name)) return true;
  const base = name.replace(/_(bucket|count|sum)$/, '');
  const type = exposition.families.get(base);
  return base !== name && (type === 'histogram' || type === 'summary');
}
