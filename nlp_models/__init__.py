"""plantrace.nlp_models"""
