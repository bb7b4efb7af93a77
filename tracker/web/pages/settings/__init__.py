"""Settings: the account, reminders and "Your data"."""
