--liquibase formatted sql

--changeset kosync:0004-credential-version
--comment: Bumped on every password change; tokens carry the version they were issued under.
alter table accounts add column credential_version integer default 0 not null;
--rollback alter table accounts drop column credential_version;
