CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_name` text DEFAULT '' NOT NULL,
	`action` text NOT NULL,
	`target_type` text DEFAULT '' NOT NULL,
	`target_id` text DEFAULT '' NOT NULL,
	`jurisdiction_id` integer,
	`before` text,
	`after` text,
	`ip` text DEFAULT '' NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_jurisdiction` ON `audit_log` (`jurisdiction_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`action`);--> statement-breakpoint
CREATE INDEX `audit_log_actor` ON `audit_log` (`actor_id`);--> statement-breakpoint
CREATE TABLE `cycle` (
	`id` integer PRIMARY KEY NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	`year` integer NOT NULL,
	`phase` text DEFAULT 'collection' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cycle_jurisdiction_year` ON `cycle` (`jurisdiction_id`,`year`);--> statement-breakpoint
CREATE TABLE `jurisdiction` (
	`id` integer PRIMARY KEY NOT NULL,
	`parent_id` integer,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jurisdiction_code_unique` ON `jurisdiction` (`code`);--> statement-breakpoint
CREATE INDEX `jurisdiction_parent` ON `jurisdiction` (`parent_id`);--> statement-breakpoint
CREATE TABLE `phase_transition` (
	`id` integer PRIMARY KEY NOT NULL,
	`cycle_id` integer NOT NULL,
	`from_phase` text,
	`to_phase` text NOT NULL,
	`by` integer NOT NULL,
	`at` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycle`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `phase_transition_cycle` ON `phase_transition` (`cycle_id`);--> statement-breakpoint
CREATE TABLE `rep_link` (
	`id` integer PRIMARY KEY NOT NULL,
	`district_rep_id` integer NOT NULL,
	`deliberation_rep_id` integer NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	FOREIGN KEY (`district_rep_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deliberation_rep_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rep_link_deliberation` ON `rep_link` (`deliberation_rep_id`);--> statement-breakpoint
CREATE INDEX `rep_link_district` ON `rep_link` (`district_rep_id`);--> statement-breakpoint
CREATE TABLE `representative` (
	`id` integer PRIMARY KEY NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	`body` text NOT NULL,
	`name` text NOT NULL,
	`community` text DEFAULT '' NOT NULL,
	`sector` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`term_from` text,
	`term_to` text,
	`status` text DEFAULT 'seated' NOT NULL,
	`user_id` integer,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `representative_jurisdiction` ON `representative` (`jurisdiction_id`,`body`,`status`);--> statement-breakpoint
CREATE TABLE `role_assignment` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `role_assignment_unique` ON `role_assignment` (`user_id`,`role`,`jurisdiction_id`);--> statement-breakpoint
CREATE INDEX `role_assignment_jurisdiction` ON `role_assignment` (`jurisdiction_id`);--> statement-breakpoint
CREATE TABLE `session` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_verified_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_user` ON `session` (`user_id`);--> statement-breakpoint
CREATE TABLE `setting` (
	`jurisdiction_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`jurisdiction_id`, `key`),
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `station` (
	`id` integer PRIMARY KEY NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`short_code` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `station_short_code_unique` ON `station` (`short_code`);--> statement-breakpoint
CREATE INDEX `station_jurisdiction` ON `station` (`jurisdiction_id`);--> statement-breakpoint
CREATE TABLE `user` (
	`id` integer PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_username_unique` ON `user` (`username`);