CREATE TABLE `implementation_plan` (
	`project_id` integer PRIMARY KEY NOT NULL,
	`responsible_unit` text DEFAULT '' NOT NULL,
	`responsible_official` text DEFAULT '' NOT NULL,
	`yearly_targets` text DEFAULT '' NOT NULL,
	`funds` text DEFAULT '[]' NOT NULL,
	`safeguards` text DEFAULT '' NOT NULL,
	`target_unit` text,
	`target_quantity` real,
	`publish_by` text,
	`published_at` integer,
	`updated_by` integer,
	`updated_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `plan_adjustment` ADD `kind` text DEFAULT 'adjust' NOT NULL;--> statement-breakpoint
ALTER TABLE `plan_adjustment` ADD `state` text DEFAULT 'decided' NOT NULL;--> statement-breakpoint
ALTER TABLE `plan_adjustment` ADD `reason_category` text;--> statement-breakpoint
ALTER TABLE `plan_adjustment` ADD `evidence` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `plan_adjustment` ADD `decided_body` text;--> statement-breakpoint
ALTER TABLE `plan_adjustment` ADD `session_id` integer REFERENCES session(id);--> statement-breakpoint
ALTER TABLE `plan_adjustment` ADD `agenda_item` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `plan_adjustment` ADD `poll_id` integer REFERENCES poll(id);--> statement-breakpoint
ALTER TABLE `plan_adjustment` ADD `decided_on` text;--> statement-breakpoint
ALTER TABLE `plan_adjustment` ADD `decided_by` integer REFERENCES user(id);--> statement-breakpoint
ALTER TABLE `plan_adjustment` ADD `announcement` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `progress_report` ADD `achieved_units` real;