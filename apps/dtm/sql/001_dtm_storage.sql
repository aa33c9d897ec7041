-- DTM's storage tables, column for column (dtm `sqls/dtmsvr.storage.mysql.sql`), so a Go DTM server
-- and this one can read each other's rows. Times are written in UTC by this server.
CREATE TABLE IF NOT EXISTS `trans_global` (
  `id` bigint(22) NOT NULL AUTO_INCREMENT,
  `gid` varchar(128) NOT NULL COMMENT 'global transaction id',
  `trans_type` varchar(45) NOT NULL COMMENT 'saga | msg | tcc | xa | workflow',
  `status` varchar(12) NOT NULL COMMENT 'prepared | submitted | aborting | succeed | failed',
  `query_prepared` varchar(1024) NOT NULL,
  `protocol` varchar(45) NOT NULL COMMENT 'http | grpc | json-rpc',
  `create_time` datetime DEFAULT NULL,
  `update_time` datetime DEFAULT NULL,
  `finish_time` datetime DEFAULT NULL,
  `rollback_time` datetime DEFAULT NULL,
  `options` varchar(1024) DEFAULT '' COMMENT 'the transaction options as JSON',
  `custom_data` varchar(1024) DEFAULT '' COMMENT 'saga: concurrent flag and branch orders as JSON',
  `next_cron_interval` int(11) DEFAULT NULL COMMENT 'seconds until the next retry',
  `next_cron_time` datetime DEFAULT NULL COMMENT 'when the cron may pick the transaction up',
  `owner` varchar(128) NOT NULL DEFAULT '' COMMENT 'token of the last cron lease',
  `ext_data` text,
  `result` varchar(1024) DEFAULT '',
  `rollback_reason` varchar(1024) DEFAULT '',
  PRIMARY KEY (`id`),
  UNIQUE KEY `gid` (`gid`),
  KEY `owner` (`owner`),
  KEY `status_next_cron_time` (`status`, `next_cron_time`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `trans_branch_op` (
  `id` bigint(22) NOT NULL AUTO_INCREMENT,
  `gid` varchar(128) NOT NULL COMMENT 'global transaction id',
  `url` varchar(1024) NOT NULL COMMENT 'the branch target; empty means a no-op',
  `data` text COMMENT 'unused, kept for compatibility',
  `bin_data` blob COMMENT 'the payload sent to the branch',
  `branch_id` varchar(128) NOT NULL,
  `op` varchar(45) NOT NULL,
  `status` varchar(45) NOT NULL COMMENT 'prepared | succeed | failed',
  `finish_time` datetime DEFAULT NULL,
  `rollback_time` datetime DEFAULT NULL,
  `create_time` datetime DEFAULT NULL,
  `update_time` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `gid_uniq` (`gid`, `branch_id`, `op`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `kv` (
  `id` bigint(22) NOT NULL AUTO_INCREMENT,
  `cat` varchar(45) NOT NULL COMMENT 'the category, e.g. topics',
  `k` varchar(128) NOT NULL,
  `v` text,
  `version` bigint(22) DEFAULT '1' COMMENT 'optimistic lock',
  `create_time` datetime DEFAULT NULL,
  `update_time` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_k` (`cat`, `k`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
