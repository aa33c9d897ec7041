#!/usr/bin/env node
// Checks docker-compose.yml without a Docker engine:
//   1. YAML parses (anchors and << merge keys resolved, duplicate keys refused);
//   2. ${VAR} interpolation is well-formed, and every variable used is listed in .env.example;
//   3. the interpolated file validates against the Compose Specification JSON schema
//      (compose-spec.schema.json beside this file; see README.md for its source);
//   4. what the schema cannot see: depends_on targets exist (no self-dependency, no cycle) and have a
//      healthcheck when service_healthy is awaited; build contexts, Dockerfiles and the build args
//      they declare; bind-mount sources; named volumes and networks are declared; no host port is
//      published twice;
//   5. a mounted Prometheus config (a bind mount onto …/prometheus.yml) scrapes only services of this file,
//      each on a port the service's environment sets (METRICS_PORT, HTTP_PORT, …).
//
// usage: node deploy/compose/check-compose.mjs [compose-file] [--env-example FILE] [--schema FILE]
// Exits 0 when clean, 1 on problems (one line each), 2 on a usage or setup error.
// Needs the devDependencies `ajv` and `yaml` (resolved from the repository's node_modules).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

// ---- arguments --------------------------------------------------------------------------------------

function parseArgs(argv) {
  const options = {
    file: resolve(repoRoot, 'docker-compose.yml'),
    envExample: undefined,
    schema: resolve(here, 'compose-spec.schema.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return resolve(argv[++i]);
    };
    if (arg === '--env-example') options.envExample = value();
    else if (arg === '--schema') options.schema = value();
    else if (arg === '-h' || arg === '--help') usage();
    else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else options.file = resolve(arg);
  }
  options.envExample ??= resolve(dirname(options.file), '.env.example');
  return options;
}

function usage(problem) {
  if (problem) console.error(`check-compose: ${problem}`);
  console.error('usage: node deploy/compose/check-compose.mjs [compose-file] [--env-example FILE] [--schema FILE]');
  process.exit(2);
}

function loadDependency(name) {
  try {
    return require(name);
  } catch {
    console.error(
      `check-compose: cannot load "${name}". It is a root devDependency: run \`pnpm install\` ` +
        '(or add it with `pnpm add -Dw ajv yaml`).',
    );
    process.exit(2);
  }
}

function readText(path, what) {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    console.error(`check-compose: cannot read ${what} ${path}: ${error.message}`);
    process.exit(2);
  }
}

// ---- problems ---------------------------------------------------------------------------------------

const problems = [];
const warnings = [];
const problem = (where, message) => problems.push(where ? `${where}: ${message}` : message);
const warn = (where, message) => warnings.push(where ? `${where}: ${message}` : message);
const pathString = (segments) => segments.map(String).join('.');

// ---- .env.example -----------------------------------------------------------------------------------

/** KEY=VALUE lines (comments, blanks and an optional `export ` ignored); quotes around VALUE removed. */
function parseEnvFile(text) {
  const values = new Map();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    let value = match[2];
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    values.set(match[1], value);
  }
  return values;
}

// ---- interpolation (compose-spec "Interpolation") ---------------------------------------------------

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Interpolates one string the way compose does: $$ is a literal $, $VAR and ${VAR} are replaced, and
 * ${VAR:-default} ${VAR-default} ${VAR:?error} ${VAR?error} ${VAR:+alt} ${VAR+alt} are honoured, with
 * nested interpolation inside default/error/alt. Calls `use(name)` for every variable referenced.
 * Throws on a malformed ${…}.
 */
function interpolate(text, env, use) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next !== '{') {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      if (!name) {
        out += '$';
        i = dollar + 1;
        continue;
      }
      use(name);
      out += env.get(name) ?? '';
      i = dollar + 1 + name.length;
      continue;
    }
    // ${…}: find the matching brace, allowing nested ${…} in the modifier's text.
    let depth = 1;
    let end = dollar + 2;
    while (end < text.length && depth > 0) {
      if (text[end] === '$' && text[end + 1] === '$') end += 2;
      else if (text[end] === '$' && text[end + 1] === '{') {
        depth++;
        end += 2;
      } else {
        if (text[end] === '}') depth--;
        end++;
      }
    }
    if (depth > 0) throw new Error(`unclosed "\${" in "${text}"`);
    const inner = text.slice(dollar + 2, end - 1);
    const name = NAME.exec(inner)?.[0];
    if (!name) throw new Error(`invalid interpolation "\${${inner}}" (a variable name must come first)`);
    use(name);
    const rest = inner.slice(name.length);
    const modifier = /^(:?[-?+])?/.exec(rest)[0];
    if (rest && !modifier) throw new Error(`invalid interpolation "\${${inner}}"`);
    const argument = () => interpolate(rest.slice(modifier.length), env, use);
    const value = env.get(name);
    const unset = value === undefined;
    const empty = unset || value === '';
    switch (modifier) {
      case '':
        out += value ?? '';
        break;
      case ':-':
        out += empty ? argument() : (argument(), value);
        break;
      case '-':
        out += unset ? argument() : (argument(), value);
        break;
      case ':?':
      case '?': {
        const message = argument();
        if (modifier === ':?' ? empty : unset) throw new Error(`required variable ${name} is missing: ${message}`);
        out += value;
        break;
      }
      case ':+':
        out += empty ? (argument(), '') : argument();
        break;
      case '+':
        out += unset ? (argument(), '') : argument();
        break;
    }
    i = end;
  }
  return out;
}

/** Returns a copy of `node` with every string value interpolated; records variables with their path. */
function interpolateTree(node, env, uses, path = []) {
  if (typeof node === 'string') {
    try {
      return interpolate(node, env, (name) => uses.push({ name, path: pathString(path) }));
    } catch (error) {
      problem(pathString(path), error.message);
      return node;
    }
  }
  if (Array.isArray(node)) return node.map((item, index) => interpolateTree(item, env, uses, [...path, index]));
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, interpolateTree(value, env, uses, [...path, key])]),
    );
  }
  return node;
}

// ---- schema -----------------------------------------------------------------------------------------

function compileSchema(schemaPath) {
  const schema = JSON.parse(readText(schemaPath, 'schema'));
  const dialect = String(schema.$schema ?? '');
  // Pick the validator for the schema's dialect; $schema itself is dropped because Ajv registers
  // the draft-07 meta-schema under http://, while compose-spec.json names it with https://.
  let Ajv;
  if (dialect.includes('draft-07') || dialect.includes('draft-06') || dialect === '') Ajv = loadDependency('ajv');
  else if (dialect.includes('2019-09')) Ajv = loadDependency('ajv/dist/2019');
  else if (dialect.includes('2020-12')) Ajv = loadDependency('ajv/dist/2020');
  else {
    console.error(`check-compose: unsupported $schema "${dialect}" in ${schemaPath}`);
    process.exit(2);
  }
  Ajv = Ajv.default ?? Ajv;
  const { $schema: _dialect, ...body } = schema;
  // strict: an unknown keyword in the schema is an error (Ajv 8 knows the `deprecated` annotation).
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false });
  return { validate: ajv.compile(body), title: schema.title ?? 'schema' };
}

/**
 * One readable line per schema problem. When a value fails every branch of a oneOf, Ajv reports each
 * branch: the branch that got furthest (an error deeper down, or a non-type error at the same place)
 * explains it, so the other branches' "must be <type>" and the oneOf summary are dropped; type errors
 * left at one place are merged ("must be string or array").
 */
function schemaProblems(errors) {
  const explains = (error, path) =>
    error.keyword !== 'oneOf' &&
    error.keyword !== 'anyOf' &&
    (error.instancePath.startsWith(`${path}/`) || (error.instancePath === path && error.keyword !== 'type'));
  const lines = new Map();
  const types = new Map();
  for (const error of errors) {
    const where = error.instancePath.split('/').slice(1).map(decodePointer).join('.') || '(top level)';
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      if (errors.some((other) => other !== error && other.instancePath.startsWith(error.instancePath))) continue;
    } else if (error.keyword === 'type') {
      if (errors.some((other) => explains(other, error.instancePath))) continue;
      const list = types.get(where) ?? [];
      list.push(...[error.params.type].flat());
      types.set(where, list);
      lines.set(where + ':type', null);
      continue;
    }
    let message = error.message;
    if (error.keyword === 'additionalProperties') message = `unknown key "${error.params.additionalProperty}"`;
    else if (error.keyword === 'enum') message = `must be one of ${error.params.allowedValues.join(', ')}`;
    lines.set(`${where}:${message}`, `${where}: ${message}`);
  }
  return [...lines.entries()].map(([key, line]) => {
    if (line !== null) return `${line} (compose-spec)`;
    const where = key.slice(0, -':type'.length);
    const list = [...new Set(types.get(where))];
    const wanted = list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list.at(-1)}` : list[0];
    return `${where}: must be ${wanted} (compose-spec)`;
  });
}

const decodePointer = (segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

// ---- checks the schema cannot make ------------------------------------------------------------------

function dependsOnTargets(service) {
  const dependsOn = service.depends_on;
  if (Array.isArray(dependsOn)) return dependsOn.map((name) => ({ name, condition: 'service_started' }));
  if (dependsOn && typeof dependsOn === 'object') {
    return Object.entries(dependsOn).map(([name, spec]) => ({ name, condition: spec?.condition ?? 'service_started' }));
  }
  return [];
}

function checkDependsOn(services) {
  for (const [name, service] of Object.entries(services)) {
    for (const { name: target, condition } of dependsOnTargets(service)) {
      const where = `services.${name}.depends_on.${target}`;
      if (target === name) problem(where, 'a service cannot depend on itself');
      else if (!(target in services)) problem(where, `no service named "${target}" in this file`);
      else if (condition === 'service_healthy') {
        const healthcheck = services[target].healthcheck;
        if (!healthcheck || healthcheck.disable === true || healthcheck.test?.[0] === 'NONE') {
          problem(where, `waits for "${target}" to be healthy, but "${target}" defines no healthcheck`);
        }
      }
    }
  }
  // Cycles (compose refuses to start them).
  const state = new Map();
  const visit = (name, trail) => {
    if (state.get(name) === 'done' || !(name in services)) return;
    if (state.get(name) === 'active') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      problem(`services.${name}.depends_on`, `dependency cycle ${cycle.join(' → ')}`);
      return;
    }
    state.set(name, 'active');
    for (const { name: target } of dependsOnTargets(services[name]))
      if (target !== name) visit(target, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(services)) visit(name, []);
}

const isRemote = (context) => /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@|\.git(#|$)/.test(context);

/** ARG names a Dockerfile declares (global and per stage). */
function dockerfileArgs(text) {
  const names = new Set();
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const match = /^\s*ARG\s+(.+)$/i.exec(line);
    if (!match) continue;
    for (const declaration of match[1].trim().split(/\s+/)) names.add(declaration.split('=')[0]);
  }
  return names;
}

function checkBuilds(services, baseDir) {
  for (const [name, service] of Object.entries(services)) {
    if (service.build === undefined) {
      if (!service.image) problem(`services.${name}`, 'needs an image or a build');
      continue;
    }
    const build = typeof service.build === 'string' ? { context: service.build } : service.build;
    const where = `services.${name}.build`;
    const context = build.context ?? '.';
    if (isRemote(context)) continue;
    const contextPath = resolve(baseDir, context);
    if (!existsSync(contextPath) || !statSync(contextPath).isDirectory()) {
      problem(`${where}.context`, `${context} is not a directory (relative to ${rel(baseDir)})`);
      continue;
    }
    if (build.dockerfile_inline !== undefined) continue;
    const dockerfile = build.dockerfile ?? 'Dockerfile';
    const dockerfilePath = isAbsolute(dockerfile) ? dockerfile : resolve(contextPath, dockerfile);
    if (!existsSync(dockerfilePath) || !statSync(dockerfilePath).isFile()) {
      problem(`${where}.dockerfile`, `${dockerfile} does not exist (relative to the context ${rel(contextPath)})`);
      continue;
    }
    const declared = dockerfileArgs(readFileSync(dockerfilePath, 'utf8'));
    const args = Array.isArray(build.args)
      ? build.args.map((entry) => String(entry).split('=')[0])
      : Object.keys(build.args ?? {});
    for (const arg of args) {
      if (!declared.has(arg)) problem(`${where}.args.${arg}`, `${rel(dockerfilePath)} declares no ARG ${arg}`);
    }
    if (declared.has('APP') && args.includes('APP')) {
      const app = Array.isArray(build.args)
        ? build.args.find((entry) => String(entry).startsWith('APP='))?.slice(4)
        : build.args.APP;
      if (app && !existsSync(resolve(contextPath, 'apps', String(app), 'package.json'))) {
        problem(`${where}.args.APP`, `no app "${app}" (apps/${app}/package.json does not exist)`);
      }
    }
  }
}

const rel = (path) => relative(process.cwd(), path) || '.';

/** Short volume syntax SOURCE:TARGET[:MODE] → {type, source}; long syntax passes through. */
function parseVolume(volume) {
  if (typeof volume !== 'string') return volume;
  const parts = volume.split(':');
  if (parts.length === 1) return { type: 'volume', source: undefined, target: parts[0] };
  const source = parts[0];
  const bind = source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
  return { type: bind ? 'bind' : 'volume', source, target: parts[1] };
}

function checkVolumesAndNetworks(compose, baseDir) {
  const declaredVolumes = new Set(Object.keys(compose.volumes ?? {}));
  const declaredNetworks = new Set(['default', ...Object.keys(compose.networks ?? {})]);
  for (const [name, service] of Object.entries(compose.services)) {
    (service.volumes ?? []).forEach((entry, index) => {
      const volume = parseVolume(entry);
      const where = `services.${name}.volumes.${index}`;
      if (volume.type === 'bind' && volume.source && !volume.source.startsWith('~')) {
        const source = resolve(baseDir, volume.source);
        if (!existsSync(source)) problem(where, `bind-mount source ${volume.source} does not exist`);
      } else if (volume.type === 'volume' && volume.source && !declaredVolumes.has(volume.source)) {
        problem(where, `named volume "${volume.source}" is not declared under the top-level volumes`);
      }
    });
    const networks = Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {});
    for (const network of networks) {
      if (!declaredNetworks.has(network)) {
        problem(
          `services.${name}.networks.${network}`,
          `network "${network}" is not declared under the top-level networks`,
        );
      }
    }
  }
}

/** Short port syntax [[IP:]HOST:]CONTAINER[/PROTOCOL] → published bindings (ranges expanded). */
function publishedPorts(port) {
  if (typeof port === 'object' && port !== null) {
    if (port.published === undefined) return [];
    return expand(String(port.published)).map((p) => `${port.host_ip ?? '0.0.0.0'}:${p}/${port.protocol ?? 'tcp'}`);
  }
  const text = String(port);
  const [spec, protocol = 'tcp'] = text.split('/');
  const ipv6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
  const parts = ipv6 ? [ipv6[1], ...ipv6[2].split(':')] : spec.split(':');
  if (parts.length < 2) return [];
  const host = parts.length === 3 ? parts[0] : '0.0.0.0';
  const published = parts.length === 3 ? parts[1] : parts[0];
  if (!published) return [];
  return expand(published).map((p) => `${host}:${p}/${protocol}`);
}

function expand(range) {
  const [from, to = from] = range.split('-').map(Number);
  if (!Number.isInteger(from) || !Number.isInteger(to) || to < from) return [range];
  return Array.from({ length: to - from + 1 }, (_, k) => String(from + k));
}

function checkPorts(services) {
  const owners = new Map();
  for (const [name, service] of Object.entries(services)) {
    for (const port of service.ports ?? []) {
      for (const binding of publishedPorts(port)) {
        const [host, rest] = [binding.slice(0, binding.lastIndexOf(':')), binding.slice(binding.lastIndexOf(':') + 1)];
        // 0.0.0.0 overlaps every address of the same port.
        const clash = [...owners.entries()].find(([other]) => {
          const otherHost = other.slice(0, other.lastIndexOf(':'));
          const otherRest = other.slice(other.lastIndexOf(':') + 1);
          return otherRest === rest && (otherHost === host || otherHost === '0.0.0.0' || host === '0.0.0.0');
        });
        if (clash) problem(`services.${name}.ports`, `host port ${binding} is already published by ${clash[1]}`);
        else owners.set(binding, name);
      }
    }
  }
}

/** The `host:port` targets of a Prometheus config's static_configs, with the job that names them. */
function scrapeTargets(config) {
  return (config?.scrape_configs ?? []).flatMap((job) =>
    (job.static_configs ?? []).flatMap((group) =>
      (group.targets ?? []).map((target) => ({ job: job.job_name, target: String(target) })),
    ),
  );
}

function checkPrometheusTargets(services, baseDir) {
  for (const [name, service] of Object.entries(services)) {
    (service.volumes ?? []).forEach((entry, index) => {
      const volume = parseVolume(entry);
      if (volume.type !== 'bind' || !String(volume.target).endsWith('/prometheus.yml')) return;
      const source = resolve(baseDir, volume.source);
      if (!existsSync(source)) return;
      const where = `services.${name}.volumes.${index} (${volume.source})`;
      let config;
      try {
        config = YAML.parse(readFileSync(source, 'utf8'));
      } catch (error) {
        problem(where, `does not parse: ${error.message}`);
        return;
      }
      for (const { job, target } of scrapeTargets(config)) {
        const [host, port] = target.split(':');
        if (host === 'localhost' || host === '127.0.0.1') continue;
        const scraped = services[host];
        if (!scraped) {
          problem(where, `job ${job} scrapes ${target}, but there is no service "${host}"`);
          continue;
        }
        const environment = Array.isArray(scraped.environment)
          ? Object.fromEntries(scraped.environment.map((item) => String(item).split('=')))
          : (scraped.environment ?? {});
        const ports = Object.entries(environment).filter(([key]) => key.endsWith('PORT'));
        if (!ports.some(([, value]) => String(value) === port)) {
          problem(where, `job ${job} scrapes ${target}, but ${host} sets no *PORT variable to ${port}`);
        }
      }
    });
  }
}

// ---- main -------------------------------------------------------------------------------------------

const options = parseArgs(process.argv.slice(2));
const YAML = loadDependency('yaml');
const { validate, title } = compileSchema(options.schema);

const label = rel(options.file);
const text = readText(options.file, 'compose file');
const documents = YAML.parseAllDocuments(text, { merge: true, uniqueKeys: true, prettyErrors: true });
if (!Array.isArray(documents) || documents.length !== 1) {
  console.error(`${label}: expected exactly one YAML document`);
  process.exit(1);
}
const [document] = documents;
if (document.errors.length > 0) {
  for (const error of document.errors) console.error(`${label}: YAML: ${error.message}`);
  process.exit(1);
}
const raw = document.toJS({ maxAliasCount: 10_000 });
if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
  console.error(`${label}: the top level must be a mapping`);
  process.exit(1);
}

const envExample = parseEnvFile(readText(options.envExample, '.env.example'));
// Blank values in .env.example are secrets a user generates; stand in for them so ${X:?…} resolves.
const env = new Map([...envExample].map(([key, value]) => [key, value === '' ? `placeholder-for-${key}` : value]));
const uses = [];
const compose = interpolateTree(raw, env, uses);

for (const { name, path } of uses) {
  if (!envExample.has(name)) problem(path, `uses \${${name}}, which ${rel(options.envExample)} does not list`);
}
const used = new Set(uses.map((use) => use.name));
for (const name of envExample.keys()) {
  if (!used.has(name)) warn(rel(options.envExample), `${name} is not used by ${label}`);
}

if (!validate(compose)) problems.push(...schemaProblems(validate.errors ?? []));

const services = compose.services;
if (!services || typeof services !== 'object' || Object.keys(services).length === 0) {
  problem('services', 'no services defined');
} else {
  const baseDir = dirname(options.file);
  checkDependsOn(services);
  checkBuilds(services, baseDir);
  checkVolumesAndNetworks(compose, baseDir);
  checkPorts(services);
  checkPrometheusTargets(services, baseDir);
}

for (const line of warnings) console.warn(`warning: ${line}`);
if (problems.length > 0) {
  for (const line of problems) console.error(`${label}: ${line}`);
  console.error(`${label}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
const names = Object.keys(services);
console.log(
  `${label}: OK — ${names.length} service${names.length === 1 ? '' : 's'} (${names.join(', ')}), valid against "${title}" ` +
    `(${rel(options.schema)}), ${used.size} variables all listed in ${rel(options.envExample)}`,
);
