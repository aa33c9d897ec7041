-- Runs once, when the mysql container starts on an empty data volume
-- (/docker-entrypoint-initdb.d, see docker-compose.yml).
--
-- Only the databases: each rpc app creates its own tables at start-up from apps/<app>/sql/.
--   mall         users, products, orders, payments (go-zero-mall's database)
--   dtm_barrier  DTM's sub-transaction barrier table, written by saga branches
--   dtm          the DTM server's own storage
CREATE DATABASE IF NOT EXISTS `mall` DEFAULT CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS `dtm_barrier` DEFAULT CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS `dtm` DEFAULT CHARACTER SET utf8mb4;
