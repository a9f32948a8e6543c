from cycle_a import LOOP_NAME

__all__ = ["LOOP_NAME"]
