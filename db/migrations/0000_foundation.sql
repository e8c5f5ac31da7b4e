CREATE TABLE `attendance` (
	`session_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	`at` integer NOT NULL,
	`checked_in_by` integer,
	PRIMARY KEY(`session_id`, `representative_id`),
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_in_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
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
CREATE TABLE `ballot` (
	`id` text PRIMARY KEY NOT NULL,
	`poll_id` integer NOT NULL,
	`marks` text NOT NULL,
	`valid` integer NOT NULL,
	`invalid_reason` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID; -- ballot secrecy: no rowid to reveal insertion order (edited by hand after drizzle-kit generate)
--> statement-breakpoint
CREATE TABLE `candidate` (
	`id` integer PRIMARY KEY NOT NULL,
	`cycle_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`budget` integer NOT NULL,
	`unit_name` text NOT NULL,
	`unit_user_id` integer,
	`lead_official` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`cross_year` integer DEFAULT false NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycle`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `candidate_cycle` ON `candidate` (`cycle_id`);--> statement-breakpoint
CREATE TABLE `candidate_proposal` (
	`candidate_id` integer NOT NULL,
	`proposal_id` integer NOT NULL,
	PRIMARY KEY(`candidate_id`, `proposal_id`),
	FOREIGN KEY (`candidate_id`) REFERENCES `candidate`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposal`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `cycle` (
	`id` integer PRIMARY KEY NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	`year` integer NOT NULL,
	`phase` text DEFAULT 'collection' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`collection_opens` text,
	`collection_closes` text,
	`seats_to_fill` integer,
	`candidates_locked_at` integer,
	`candidates_locked_by` integer,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidates_locked_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
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
CREATE TABLE `login_session` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_verified_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `login_session_user` ON `login_session` (`user_id`);--> statement-breakpoint
CREATE TABLE `milestone` (
	`id` integer PRIMARY KEY NOT NULL,
	`candidate_id` integer NOT NULL,
	`title` text NOT NULL,
	`due_date` text NOT NULL,
	`planned_pct` integer NOT NULL,
	`planned_spend` integer DEFAULT 0 NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidate`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `milestone_candidate` ON `milestone` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `named_ballot` (
	`id` integer PRIMARY KEY NOT NULL,
	`poll_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	`marks` text NOT NULL,
	`valid` integer NOT NULL,
	`invalid_reason` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `named_ballot_unique` ON `named_ballot` (`poll_id`,`representative_id`);--> statement-breakpoint
CREATE TABLE `paper_entry` (
	`id` integer PRIMARY KEY NOT NULL,
	`poll_id` integer NOT NULL,
	`serial` text NOT NULL,
	`pass` text NOT NULL,
	`teller_id` integer NOT NULL,
	`marks` text NOT NULL,
	`invalid` integer DEFAULT false NOT NULL,
	`invalid_reason` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`teller_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `paper_entry_unique` ON `paper_entry` (`poll_id`,`serial`,`pass`);--> statement-breakpoint
CREATE TABLE `participation` (
	`poll_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	`channel` text NOT NULL,
	`receipt_code` text NOT NULL,
	PRIMARY KEY(`poll_id`, `representative_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
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
CREATE TABLE `poll` (
	`id` integer PRIMARY KEY NOT NULL,
	`session_id` integer NOT NULL,
	`kind` text NOT NULL,
	`secrecy` text DEFAULT 'secret' NOT NULL,
	`title` text NOT NULL,
	`seats_to_fill` integer,
	`state` text DEFAULT 'draft' NOT NULL,
	`void_reason` text DEFAULT '' NOT NULL,
	`parent_poll_id` integer,
	`paper_ballots_issued` integer DEFAULT 0 NOT NULL,
	`opened_at` integer,
	`closed_at` integer,
	`published_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `poll_session` ON `poll` (`session_id`);--> statement-breakpoint
CREATE TABLE `poll_option` (
	`id` integer PRIMARY KEY NOT NULL,
	`poll_id` integer NOT NULL,
	`candidate_id` integer,
	`project_id` integer,
	`label` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidate`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `poll_option_poll` ON `poll_option` (`poll_id`);--> statement-breakpoint
CREATE TABLE `poll_result` (
	`poll_id` integer PRIMARY KEY NOT NULL,
	`result` text NOT NULL,
	`computed_at` integer NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `project` (
	`id` integer PRIMARY KEY NOT NULL,
	`cycle_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`poll_id` integer,
	`status` text DEFAULT 'planned' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycle`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidate`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `project_candidate_id_unique` ON `project` (`candidate_id`);--> statement-breakpoint
CREATE INDEX `project_cycle` ON `project` (`cycle_id`);--> statement-breakpoint
CREATE TABLE `proposal` (
	`id` integer PRIMARY KEY NOT NULL,
	`cycle_id` integer NOT NULL,
	`receipt` text NOT NULL,
	`seq` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`place_id` integer,
	`lat` real,
	`lng` real,
	`category` text NOT NULL,
	`estimated_cost` integer NOT NULL,
	`funding_source` text DEFAULT '' NOT NULL,
	`fiscal_share_pct` integer NOT NULL,
	`beneficiaries` text DEFAULT '' NOT NULL,
	`beneficiary_count` integer,
	`duration_months` integer NOT NULL,
	`cross_year` integer DEFAULT false NOT NULL,
	`proposer_name` text NOT NULL,
	`proposer_phone` text DEFAULT '' NOT NULL,
	`source` text NOT NULL,
	`entry_channel` text DEFAULT 'online' NOT NULL,
	`station_id` integer,
	`submitted_by` integer,
	`status` text DEFAULT 'submitted' NOT NULL,
	`merged_into_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycle`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`place_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `station`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_into_id`) REFERENCES `proposal`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposal_receipt_unique` ON `proposal` (`receipt`);--> statement-breakpoint
CREATE UNIQUE INDEX `proposal_cycle_seq` ON `proposal` (`cycle_id`,`seq`);--> statement-breakpoint
CREATE INDEX `proposal_cycle_status` ON `proposal` (`cycle_id`,`status`);--> statement-breakpoint
CREATE INDEX `proposal_place` ON `proposal` (`place_id`);--> statement-breakpoint
CREATE TABLE `proposal_event` (
	`id` integer PRIMARY KEY NOT NULL,
	`proposal_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`kind` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposal`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proposal_event_proposal` ON `proposal_event` (`proposal_id`);--> statement-breakpoint
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
CREATE TABLE `resolution` (
	`id` integer PRIMARY KEY NOT NULL,
	`cycle_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`published_at` integer,
	`published_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycle`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resolution_session` ON `resolution` (`session_id`);--> statement-breakpoint
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
CREATE TABLE `screening` (
	`id` integer PRIMARY KEY NOT NULL,
	`proposal_id` integer NOT NULL,
	`decision` text NOT NULL,
	`rule_results` text NOT NULL,
	`failed_rules` text DEFAULT '[]' NOT NULL,
	`explanation` text DEFAULT '' NOT NULL,
	`override_reason` text DEFAULT '' NOT NULL,
	`redirect_target` text,
	`decided_by` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposal`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `screening_proposal` ON `screening` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `session` (
	`id` integer PRIMARY KEY NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	`cycle_id` integer,
	`body` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`start_time` text DEFAULT '' NOT NULL,
	`end_time` text DEFAULT '' NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`agenda` text DEFAULT '' NOT NULL,
	`check_in_code` text NOT NULL,
	`state` text DEFAULT 'planned' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycle`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_jurisdiction` ON `session` (`jurisdiction_id`);--> statement-breakpoint
CREATE TABLE `session_roster` (
	`session_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	`name` text NOT NULL,
	`community` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`session_id`, `representative_id`),
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
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