CREATE TABLE `login_attempts` (
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`window_start` integer NOT NULL,
	`failures` integer NOT NULL,
	PRIMARY KEY(`kind`, `key`)
);
