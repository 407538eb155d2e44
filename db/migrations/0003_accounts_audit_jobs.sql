CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`actor_user_id` integer,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`user_id` integer,
	`parent_id` integer,
	`student_id` integer,
	`summary` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_events_user_idx` ON `audit_events` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_parent_idx` ON `audit_events` (`parent_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_student_idx` ON `audit_events` (`student_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_user_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_action_idx` ON `audit_events` (`action`,`id`);--> statement-breakpoint
CREATE TABLE `bulk_job_items` (
	`job_id` integer NOT NULL,
	`position` integer NOT NULL,
	`parent_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`outcome` text,
	`detail` text,
	`user_id` integer,
	PRIMARY KEY(`job_id`, `position`),
	FOREIGN KEY (`job_id`) REFERENCES `bulk_jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bulk_job_items_parent_unique` ON `bulk_job_items` (`job_id`,`parent_id`);--> statement-breakpoint
CREATE INDEX `bulk_job_items_status_idx` ON `bulk_job_items` (`job_id`,`status`,`position`);--> statement-breakpoint
CREATE TABLE `bulk_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`created_by` integer,
	`total` integer NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `bulk_jobs_status_idx` ON `bulk_jobs` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `csv_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`content` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`imported_at` integer,
	`result` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `parents` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `parents_external_id_unique` ON `parents` (`external_id`);--> statement-breakpoint
ALTER TABLE `students` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `students_external_id_unique` ON `students` (`external_id`);--> statement-breakpoint
CREATE INDEX `users_name_idx` ON `users` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `users_kind_name_idx` ON `users` (`role`,`is_parent`,`active`,`name`,`id`);