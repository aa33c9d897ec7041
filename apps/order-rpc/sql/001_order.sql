-- go-zero-mall's order table, plus `num` (quantity) and `gid` (the saga's global id, unique, so a
-- compensation finds exactly the order its saga created).
CREATE TABLE IF NOT EXISTS `order` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `uid` bigint unsigned NOT NULL DEFAULT '0' COMMENT 'user id',
  `pid` bigint unsigned NOT NULL DEFAULT '0' COMMENT 'product id',
  `amount` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'order amount: product price x num',
  `status` tinyint(3) unsigned NOT NULL DEFAULT '0' COMMENT '0 unpaid, 1 paid, 9 cancelled',
  `num` int(10) unsigned NOT NULL DEFAULT 1 COMMENT 'quantity',
  `gid` varchar(128) NULL COMMENT 'global transaction id of the saga that created the order',
  `create_time` timestamp NULL DEFAULT CURRENT_TIMESTAMP,
  `update_time` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  KEY `idx_uid` (`uid`),
  KEY `idx_pid` (`pid`),
  UNIQUE KEY `idx_gid_unique` (`gid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
