import type { UserRepo } from './repo/user-repo.js';

/** Everything the handlers use, built once in main. */
export interface ServiceContext {
  users: UserRepo;
  scryptCost: number;
  /** Checked on logins for unknown mobiles, to keep their timing like a wrong password's. */
  decoyHash: string;
}
