-- DTM's sub-transaction barrier table, for MySQL / MariaDB. Business services write one row per
-- (gid, branch_id, op, barrier_id) in the same local transaction as their own SQL, so the schema
-- must be in the same server as the business tables. ensureBarrierTable() runs the CREATE TABLE below.
CREATE DATABASE IF NOT EXISTS dtm_barrier DEFAULT CHARACTER SET utf8mb4;

CREATE TABLE IF NOT EXISTS dtm_barrier.barrier (
  id bigint(22) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  trans_type varchar(45) DEFAULT '',
  gid varchar(128) DEFAULT '',
  branch_id varchar(128) DEFAULT '',
  op varchar(45) DEFAULT '',
  barrier_id varchar(45) DEFAULT '',
  reason varchar(45) DEFAULT '' COMMENT 'op of the call that wrote the row',
  create_time datetime DEFAULT now(),
  update_time datetime DEFAULT now(),
  KEY (create_time),
  KEY (update_time),
  UNIQUE KEY (gid, branch_id, op, barrier_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
