"""What screens know and compute, without widgets: transcript and live-session state, paint
runs, export jobs and form values. Models import no screen, dialog or widget module
(checked by import-linter), so they can be tested without Pilot.
"""
