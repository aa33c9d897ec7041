-- go-zero-mall's product table plus `uid`, the owner: only they may update or remove it.
CREATE TABLE IF NOT EXISTS `product` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL DEFAULT '' COMMENT 'name',
  `desc` varchar(255) NOT NULL DEFAULT '' COMMENT 'description',
  `stock` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'stock',
  `amount` int(10) unsigned NOT NULL DEFAULT '0' COMMENT 'price',
  `status` tinyint(3) unsigned NOT NULL DEFAULT '0' COMMENT 'status',
  `uid` bigint unsigned NOT NULL DEFAULT '0' COMMENT 'owner (user id)',
  `create_time` timestamp NULL DEFAULT CURRENT_TIMESTAMP,
  `update_time` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  KEY `idx_uid` (`uid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
