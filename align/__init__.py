"""plantrace.align"""
