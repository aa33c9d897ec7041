// The only environment this package reads: where to look for server binaries, and which servers
// the caller already has (MYSQL_URL / ETCD_ENDPOINTS), when it passes no environment of its own.
export const executableSearchPath = (): string => process.env.PATH ?? '';

export const processEnv = (): Record<string, string | undefined> => process.env;
