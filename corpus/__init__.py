"""plantrace.corpus"""
