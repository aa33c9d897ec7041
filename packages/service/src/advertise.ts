import { networkInterfaces } from 'node:os';

/**
 * The `host:port` peers should dial: ADVERTISE_HOST when given, the listen host when it is a real
 * address, else this machine's first non-loopback IPv4 (a container's IP), as go-zero does.
 */
export function advertisedEndpoint(listenHost: string, port: number, advertiseHost?: string): string {
  if (advertiseHost) return `${advertiseHost}:${port}`;
  if (listenHost !== '0.0.0.0' && listenHost !== '::') return `${listenHost}:${port}`;
  for (const addresses of Object.values(networkInterfaces())) {
    const external = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (external) return `${external.address}:${port}`;
  }
  return `127.0.0.1:${port}`;
}
