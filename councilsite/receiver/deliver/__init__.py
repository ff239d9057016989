"""Submissions by email: to the form's team and, if the form says so, a confirmation to the
resident, through the outbox (queue), by SMTP or GOV.UK Notify (smtp, notify), set up from the
environment (config), composed in the words residents read (compose), sent by the Mailer (sender)."""
