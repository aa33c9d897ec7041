-- go-zero-mall's user table. `password` holds `scrypt$N$r$p$<salt hex>$<hash hex>`: a per-user salt.
CREATE TABLE IF NOT EXISTS `user` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL DEFAULT '' COMMENT 'user name',
  `gender` tinyint(3) unsigned NOT NULL DEFAULT '0' COMMENT 'gender',
  `mobile` varchar(255) NOT NULL DEFAULT '' COMMENT 'phone',
  `password` varchar(255) NOT NULL DEFAULT '' COMMENT 'scrypt hash with its salt and parameters',
  `create_time` timestamp NULL DEFAULT CURRENT_TIMESTAMP,
  `update_time` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_mobile_unique` (`mobile`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
