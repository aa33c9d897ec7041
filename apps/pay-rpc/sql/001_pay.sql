-- go-zero-mall's pay table, with a unique oid: one payment per order, also under concurrency.
CREATE TABLE IF NOT EXISTS `pay` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `uid` bigint unsigned NOT NULL DEFAULT '0' COMMENT 'user id',
  `oid` bigint unsigned NOT NULL DEFAULT '0' COMMENT 'order id',
  `amount` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'amount, equal to the order amount',
  `source` tinyint(3) unsigned NOT NULL DEFAULT '0' COMMENT 'payment method',
  `status` tinyint(3) unsigned NOT NULL DEFAULT '0' COMMENT '0 created, 1 paid, 2 failed',
  `create_time` timestamp NULL DEFAULT CURRENT_TIMESTAMP,
  `update_time` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  KEY `idx_uid` (`uid`),
  UNIQUE KEY `idx_oid_unique` (`oid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
