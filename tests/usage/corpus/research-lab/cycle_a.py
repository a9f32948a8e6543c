from cycle_b import LOOP_NAME

__all__ = ["LOOP_NAME"]
