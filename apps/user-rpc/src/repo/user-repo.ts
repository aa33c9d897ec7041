import { isDuplicateKey, type Pool, type ResultSetHeader, type RowDataPacket } from '@mall/db';

export interface UserRow {
  id: bigint;
  name: string;
  gender: number;
  mobile: string;
  password: string;
}

export class DuplicateMobileError extends Error {}

const COLUMNS = 'id, name, gender, mobile, password';

function toUser(row: RowDataPacket): UserRow {
  return {
    id: BigInt(row.id as string),
    name: row.name as string,
    gender: Number(row.gender),
    mobile: row.mobile as string,
    password: row.password as string,
  };
}

export class UserRepo {
  constructor(private readonly pool: Pool) {}

  async findById(id: bigint): Promise<UserRow | undefined> {
    const [rows] = await this.pool.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM \`user\` WHERE id = ?`, [id]);
    return rows[0] && toUser(rows[0]);
  }

  async findByMobile(mobile: string): Promise<UserRow | undefined> {
    const [rows] = await this.pool.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM \`user\` WHERE mobile = ?`, [mobile]);
    return rows[0] && toUser(rows[0]);
  }

  /** Inserts a user; the unique mobile index decides races (→ DuplicateMobileError). */
  async insert(user: Omit<UserRow, 'id'>): Promise<bigint> {
    try {
      const [result] = await this.pool.query<ResultSetHeader>(
        'INSERT INTO `user` (name, gender, mobile, password) VALUES (?, ?, ?, ?)',
        [user.name, user.gender, user.mobile, user.password],
      );
      return BigInt(result.insertId);
    } catch (error) {
      if (isDuplicateKey(error)) throw new DuplicateMobileError();
      throw error;
    }
  }
}
