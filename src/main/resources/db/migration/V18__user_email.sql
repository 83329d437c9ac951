-- The e-mail address single sign-on recognises a person by (stored lower-case; several people without one).
alter table app_user add column email varchar(320);
create unique index app_user_email on app_user (email);
