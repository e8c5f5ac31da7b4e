CREATE TABLE `carry_over` (
	`from_project_id` integer PRIMARY KEY NOT NULL,
	`to_project_id` integer NOT NULL,
	`by` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`from_project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `carry_over_to_project_id_unique` ON `carry_over` (`to_project_id`);--> statement-breakpoint
CREATE TABLE `evaluation_follow_up` (
	`id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`measures` text DEFAULT '' NOT NULL,
	`deadline` text,
	`state` text DEFAULT 'open' NOT NULL,
	`outcome` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_by` integer,
	`updated_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_follow_up_project_id_unique` ON `evaluation_follow_up` (`project_id`);--> statement-breakpoint
CREATE TABLE `evaluation_result` (
	`project_id` integer PRIMARY KEY NOT NULL,
	`poll_id` integer,
	`satisfied` integer NOT NULL,
	`basic` integer NOT NULL,
	`dissatisfied` integer NOT NULL,
	`threshold_pct` integer NOT NULL,
	`marked` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`rating` text,
	`text` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`moderated_by` integer,
	`moderated_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`moderated_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_project` ON `feedback` (`project_id`,`state`);--> statement-breakpoint
CREATE TABLE `midterm_report` (
	`id` integer PRIMARY KEY NOT NULL,
	`cycle_id` integer NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`snapshot` text,
	`published_at` integer,
	`published_by` integer,
	`updated_at` integer NOT NULL,
	`updated_by` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycle`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `midterm_report_cycle_id_unique` ON `midterm_report` (`cycle_id`);--> statement-breakpoint
CREATE TABLE `plan_adjustment` (
	`id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`budget` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`milestones` text NOT NULL,
	`reason` text NOT NULL,
	`adjusted_by` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`adjusted_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_adjustment_project` ON `plan_adjustment` (`project_id`);--> statement-breakpoint
CREATE TABLE `progress_photo` (
	`id` integer PRIMARY KEY NOT NULL,
	`report_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`original_name` text DEFAULT '' NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `progress_report`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `progress_photo_file_name_unique` ON `progress_photo` (`file_name`);--> statement-breakpoint
CREATE INDEX `progress_photo_report` ON `progress_photo` (`report_id`);--> statement-breakpoint
CREATE TABLE `progress_report` (
	`id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`month` text NOT NULL,
	`pct` integer NOT NULL,
	`spent` integer NOT NULL,
	`milestones` text DEFAULT '[]' NOT NULL,
	`problems` text DEFAULT '' NOT NULL,
	`help_needed` text DEFAULT '' NOT NULL,
	`backwards_reason` text DEFAULT '' NOT NULL,
	`filed_by` integer NOT NULL,
	`filed_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `progress_report_month` ON `progress_report` (`project_id`,`month`);--> statement-breakpoint
CREATE TABLE `rectification` (
	`id` integer PRIMARY KEY NOT NULL,
	`visit_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`demand` text NOT NULL,
	`deadline` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`response` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `supervision_visit`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rectification_project` ON `rectification` (`project_id`);--> statement-breakpoint
CREATE INDEX `rectification_visit` ON `rectification` (`visit_id`);--> statement-breakpoint
CREATE TABLE `rectification_event` (
	`id` integer PRIMARY KEY NOT NULL,
	`rectification_id` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`deadline` text,
	`by` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`rectification_id`) REFERENCES `rectification`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rectification_event_rectification` ON `rectification_event` (`rectification_id`);--> statement-breakpoint
CREATE TABLE `supervision_assignment` (
	`project_id` integer PRIMARY KEY NOT NULL,
	`group_id` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `supervision_group`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervision_assignment_group` ON `supervision_assignment` (`group_id`);--> statement-breakpoint
CREATE TABLE `supervision_group` (
	`id` integer PRIMARY KEY NOT NULL,
	`cycle_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycle`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervision_group_cycle` ON `supervision_group` (`cycle_id`);--> statement-breakpoint
CREATE TABLE `supervision_group_member` (
	`id` integer PRIMARY KEY NOT NULL,
	`group_id` integer NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`observer` integer DEFAULT false NOT NULL,
	`user_id` integer,
	FOREIGN KEY (`group_id`) REFERENCES `supervision_group`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervision_group_member_group` ON `supervision_group_member` (`group_id`);--> statement-breakpoint
CREATE TABLE `supervision_visit` (
	`id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`quarter` text NOT NULL,
	`date` text NOT NULL,
	`members_present` text DEFAULT '[]' NOT NULL,
	`findings` text NOT NULL,
	`problems` text DEFAULT '' NOT NULL,
	`rating` text NOT NULL,
	`published_at` integer,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `supervision_group`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervision_visit_project` ON `supervision_visit` (`project_id`);