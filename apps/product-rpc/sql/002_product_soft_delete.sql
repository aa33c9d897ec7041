-- Removing a product keeps its row (orders still name it by pid, and a cancelled order can still give
-- its stock back); a removed product is invisible to Detail, Update, Remove and DecrStock.
ALTER TABLE product ADD COLUMN delete_time timestamp NULL DEFAULT NULL COMMENT 'set when the owner removed it';
