"""The product's rules, pure Python: local dates, streaks, strength and badges (SPEC section 3).

Standard library only; nothing here reads the clock or touches a database.
"""
